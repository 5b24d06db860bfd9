import { Link } from '../router.tsx';

/** A page with nothing to act on yet (empty cart, no order id): says so and leads back to the shop. */
export function EmptyPage({ heading, message }: { heading: string; message: string }) {
  return (
    <section aria-labelledby="empty-heading">
      <h1 id="empty-heading">{heading}</h1>
      <p>{message}</p>
      <Link to="/">Browse products</Link>
    </section>
  );
}
