/** Thrown by the programmatic sandbox API; the control API maps `not_found` → 404, `conflict` → 409. */
export class SandboxError extends Error {
  readonly code: 'not_found' | 'conflict';

  constructor(code: 'not_found' | 'conflict', message: string) {
    super(message);
    this.name = 'SandboxError';
    this.code = code;
  }
}
