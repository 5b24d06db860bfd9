import { createRedactor, type Redactor } from './redact.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
}

export interface JsonLoggerOptions {
  redact?: Redactor;
  /** Where each JSON line goes; default stderr. */
  write?: (line: string) => void;
  now?: () => Date;
}

/** JSON lines; the whole serialised line passes through the redactor, so no field can leak a secret. */
export function createJsonLogger(options: JsonLoggerOptions = {}): Logger {
  const redact = options.redact ?? createRedactor([]);
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const now = options.now ?? (() => new Date());
  return {
    log(level, message, fields) {
      const entry = { time: now().toISOString(), level, message, ...fields };
      write(redact(JSON.stringify(entry, errorReplacer)));
    },
  };
}

/** Wraps a merchant-supplied logger so what it receives is redacted too. */
export function createRedactingLogger(inner: Logger, redact: Redactor): Logger {
  return {
    log(level, message, fields) {
      const safeFields =
        fields === undefined
          ? undefined
          : (JSON.parse(redact(JSON.stringify(fields, errorReplacer))) as Record<string, unknown>);
      inner.log(level, redact(message), safeFields);
    },
  };
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message };
  return value;
}
