import type { DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type DestinationStream } from 'pino';
import pinoPretty from 'pino-pretty';
import type { AppConfig } from '../config/config';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The path asked for, without its query string (Express's originalUrl: mounts strip `url`). */
const pathOf = (req: IncomingMessage) => ((req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '').split('?')[0];

/**
 * What must never reach a log line, wherever it appears in a logged object: credentials, tokens,
 * cookies, passwords, mail bodies. Request lines carry no headers, body or query string anyway.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.password_hash',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.authorization',
  '*.cookie',
  '*.text',
  '*.html',
  '*.text_body',
  '*.html_body',
  '*.body_encrypted',
  '*.variables',
];

let stdout: ReturnType<typeof pino.destination> | null = null;

/**
 * Standard output, written asynchronously: lines logged while a write is under way go out together
 * in the next one, so a busy server makes one write for many requests instead of one each (a
 * synchronous write per request line cost ~10 % of a request's CPU under load). Whatever is still
 * buffered is flushed when the process exits.
 */
function standardOutput(): DestinationStream {
  if (!stdout) {
    const destination = pino.destination({ dest: 1, sync: false });
    process.once('exit', () => {
      try {
        destination.flushSync();
      } catch {
        // nothing more can be done about output at exit
      }
    });
    stdout = destination;
  }
  return stdout;
}

/**
 * Development: one readable line per entry, formatted in this thread (a transport would start a
 * worker thread, which costs a noticeable part of a 2-second start).
 */
function readableOutput(): DestinationStream {
  return pinoPretty({ singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,req,res,responseTime', sync: true });
}

/**
 * Structured logs (pino): JSON in production, one readable line each in development. Every line
 * of a request carries its id (X-Request-Id, echoed back), and once known the operation, the
 * organization and the user (added by the guard and the GraphQL plugin, PinoLogger.assign).
 */
export function loggingModule(config: AppConfig, stream?: DestinationStream): DynamicModule {
  const pretty = !config.production && !stream;
  return LoggerModule.forRoot({
    assignResponse: true,
    pinoHttp: [
      {
        level: config.logLevel,
        genReqId: (req: IncomingMessage, res: ServerResponse) => {
          const incoming = req.headers['x-request-id'];
          const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
          res.setHeader('x-request-id', id);
          return id;
        },
        redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
        serializers: {
          req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
          res: (res: { statusCode: number }) => ({ status: res.statusCode }),
        },
        autoLogging: { ignore: (req: IncomingMessage) => /^\/(health|metrics)/.test(pathOf(req)) },
        customSuccessMessage: (req: IncomingMessage, res: ServerResponse, ms: number) => `${req.method} ${pathOf(req)} ${res.statusCode} in ${ms} ms`,
        customErrorMessage: (req: IncomingMessage, res: ServerResponse) => `${req.method} ${pathOf(req)} ${res.statusCode}`,
      },
      stream ?? (pretty ? readableOutput() : standardOutput()),
    ].filter(Boolean) as never,
  });
}
