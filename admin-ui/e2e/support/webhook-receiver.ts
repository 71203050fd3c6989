// A real HTTP endpoint for webhook deliveries on 127.0.0.1: records each POST and whether its
// X-Vigil-Signature verifies with the secret it is given (HMAC-SHA256 of "<t>.<body>", t within 5 min).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';

export interface ReceivedDelivery {
  headers: Record<string, string | string[] | undefined>;
  body: string;
  signatureValid: boolean;
}

export class WebhookReceiver {
  readonly received: ReceivedDelivery[] = [];

  secret = '';

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  /** Answers `status(n)` to the n-th request (1-based); 200 unless told. */
  static async start(status: (n: number) => number = () => 200): Promise<WebhookReceiver> {
    let receiver: WebhookReceiver | null = null;
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const self = receiver!;
        self.received.push({
          headers: request.headers,
          body,
          signatureValid: verify(self.secret, String(request.headers['x-vigil-signature'] ?? ''), body),
        });
        response.writeHead(status(self.received.length)).end();
      });
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    receiver = new WebhookReceiver(server, `http://127.0.0.1:${port}/hooks/vigil`);
    return receiver;
  }

  close(): Promise<void> {
    return new Promise((ok) => this.server.close(() => ok()));
  }
}

function verify(secret: string, header: string, body: string): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!parts.v1 || !Number.isFinite(t) || Math.abs(Date.now() / 1000 - t) > 300) {
    return false;
  }
  const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest('hex');
  return expected.length === parts.v1.length && timingSafeEqual(Buffer.from(expected), Buffer.from(parts.v1));
}
