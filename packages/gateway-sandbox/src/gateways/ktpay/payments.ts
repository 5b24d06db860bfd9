import { createHash, randomBytes } from 'node:crypto';
import type { KtpayOrderInput } from './validation.ts';

/** §7 statuses the sandbox uses: a payment waits, may need 3-D Secure, then ends. */
export type KtpaySandboxStatus = 'pending' | 'completed' | 'denied' | 'error';

export interface KtpaySandboxPayment extends KtpayOrderInput {
  transactionHash: string;
  status: KtpaySandboxStatus;
  /** The card form was submitted with a 3-D Secure card and the code is awaited. */
  awaiting3ds: boolean;
  /** Last four digits of the card used. */
  cardLast4?: string;
  error?: { type: 'ERROR_PAYMENT' | 'ERROR_INPUT' | 'ERROR_SYSTEM'; message: string };
  createdAt: string;
  updatedAt: string | null;
  statusAt: string;
}

export function createKtpayPaymentBook(now: () => Date) {
  const byHash = new Map<string, KtpaySandboxPayment>();
  return {
    create(input: KtpayOrderInput): KtpaySandboxPayment {
      // 40 lowercase hex characters, SHA-1-like, as in §4.1.
      const transactionHash = createHash('sha1').update(randomBytes(20)).digest('hex');
      const at = now().toISOString();
      const payment: KtpaySandboxPayment = {
        ...input,
        transactionHash,
        status: 'pending',
        awaiting3ds: false,
        createdAt: at,
        updatedAt: null,
        statusAt: at,
      };
      byHash.set(transactionHash, payment);
      return payment;
    },
    get: (hash: string) => byHash.get(hash),
    findByOrderId: (orderId: string) => [...byHash.values()].find((p) => p.orderId === orderId),
    list: () => [...byHash.values()].map((payment) => ({ ...payment })),
    finish(
      payment: KtpaySandboxPayment,
      status: Exclude<KtpaySandboxStatus, 'pending'>,
      error?: KtpaySandboxPayment['error'],
    ) {
      const at = now().toISOString();
      payment.status = status;
      payment.awaiting3ds = false;
      payment.updatedAt = at;
      payment.statusAt = at;
      if (error) payment.error = error;
      else delete payment.error;
    },
  };
}
