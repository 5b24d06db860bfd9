// One fake for both packages' tests: checkout-core owns it beside the watcher it drives.
export { FakeEventSource } from '../../checkout-core/tests/fake-event-source.ts';
