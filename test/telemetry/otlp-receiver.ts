/**
 * A real OTLP/HTTP trace receiver for the tests: a node:http server on port 0 taking
 * POST /v1/traces in http/json and in http/protobuf. Protobuf bodies are read with the
 * exporter's own wire reader (@opentelemetry/otlp-transformer's ProtobufReader), walking the
 * fields of opentelemetry/proto/trace/v1/trace.proto the assertions need.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';

export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  /** '' for a root span. */
  parentSpanId: string;
  name: string;
  /** 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  attributes: Record<string, unknown>;
  /** 0 unset, 1 ok, 2 error. */
  statusCode: number;
  /** The resource's service.name. */
  service: string;
  /** The content type it arrived with. */
  contentType: string;
}

export const KIND = { SERVER: 2, CLIENT: 3, PRODUCER: 4, CONSUMER: 5 } as const;

interface Reader {
  isAtEnd(): boolean;
  readTag(): { fieldNumber: number; wireType: number };
  readVarint(): number;
  readBytes(): Uint8Array;
  readString(): string;
  skip(wireType: number): void;
}
type ReaderClass = new (buf: Uint8Array) => Reader;

const exporterRequire = createRequire(
  createRequire(import.meta.url).resolve('@opentelemetry/exporter-trace-otlp-proto'),
);
const { ProtobufReader } = exporterRequire(
  '@opentelemetry/otlp-transformer/build/src/common/protobuf/protobuf-reader.js',
) as { ProtobufReader: ReaderClass };

/** Calls `on(field, reader, wireType)` for each field of a message; unhandled ones are skipped. */
function fields(buf: Uint8Array, on: (field: number, r: Reader) => boolean): void {
  const r = new ProtobufReader(buf);
  while (!r.isAtEnd()) {
    const { fieldNumber, wireType } = r.readTag();
    if (!on(fieldNumber, r)) r.skip(wireType);
  }
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

function anyValue(buf: Uint8Array): unknown {
  let value: unknown;
  fields(buf, (f, r) => {
    if (f === 1) value = r.readString();
    else if (f === 2) value = r.readVarint() !== 0;
    else if (f === 3) value = r.readVarint();
    else if (f === 5) {
      const values: unknown[] = [];
      fields(r.readBytes(), (g, rr) =>
        g === 1 ? (values.push(anyValue(rr.readBytes())), true) : false,
      );
      value = values;
    } else return false;
    return true;
  });
  return value;
}

function keyValues(into: Record<string, unknown>) {
  return (buf: Uint8Array) => {
    let key = '';
    let value: unknown;
    fields(buf, (f, r) => {
      if (f === 1) key = r.readString();
      else if (f === 2) value = anyValue(r.readBytes());
      else return false;
      return true;
    });
    into[key] = value;
  };
}

function protobufSpans(body: Uint8Array, contentType: string): ReceivedSpan[] {
  const spans: ReceivedSpan[] = [];
  fields(body, (f, r) => {
    if (f !== 1) return false;
    const resource: Record<string, unknown> = {};
    const spanBodies: Uint8Array[] = [];
    fields(r.readBytes(), (g, rr) => {
      if (g === 1)
        fields(rr.readBytes(), (h, r3) => h === 1 && (keyValues(resource)(r3.readBytes()), true));
      else if (g === 2)
        fields(rr.readBytes(), (h, r3) => h === 2 && (spanBodies.push(r3.readBytes()), true));
      else return false;
      return true;
    });
    for (const spanBody of spanBodies) {
      const span: ReceivedSpan = {
        traceId: '',
        spanId: '',
        parentSpanId: '',
        name: '',
        kind: 0,
        attributes: {},
        statusCode: 0,
        service: String(resource['service.name']),
        contentType,
      };
      fields(spanBody, (h, s) => {
        if (h === 1) span.traceId = hex(s.readBytes());
        else if (h === 2) span.spanId = hex(s.readBytes());
        else if (h === 4) span.parentSpanId = hex(s.readBytes());
        else if (h === 5) span.name = s.readString();
        else if (h === 6) span.kind = s.readVarint();
        else if (h === 9) keyValues(span.attributes)(s.readBytes());
        else if (h === 15)
          fields(s.readBytes(), (k, st) => k === 3 && ((span.statusCode = st.readVarint()), true));
        else return false;
        return true;
      });
      spans.push(span);
    }
    return true;
  });
  return spans;
}

interface JsonValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: number | string;
  doubleValue?: number;
  arrayValue?: { values?: JsonValue[] };
}
interface JsonKeyValue {
  key: string;
  value: JsonValue;
}
interface JsonSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: JsonKeyValue[];
  status?: { code?: number };
}
interface JsonRequest {
  resourceSpans?: {
    resource?: { attributes?: JsonKeyValue[] };
    scopeSpans?: { spans?: JsonSpan[] }[];
  }[];
}

function jsonValue(v: JsonValue): unknown {
  if (v.arrayValue) return (v.arrayValue.values ?? []).map(jsonValue);
  if (v.intValue !== undefined) return Number(v.intValue);
  return v.stringValue ?? v.boolValue ?? v.doubleValue;
}

const jsonAttributes = (list: JsonKeyValue[] = []) =>
  Object.fromEntries(list.map((kv) => [kv.key, jsonValue(kv.value)]));

function jsonSpans(body: JsonRequest, contentType: string): ReceivedSpan[] {
  return (body.resourceSpans ?? []).flatMap((rs) => {
    const service = String(jsonAttributes(rs.resource?.attributes)['service.name']);
    return (rs.scopeSpans ?? []).flatMap((ss) =>
      (ss.spans ?? []).map((s) => ({
        traceId: s.traceId,
        spanId: s.spanId,
        parentSpanId: s.parentSpanId ?? '',
        name: s.name,
        kind: s.kind,
        attributes: jsonAttributes(s.attributes),
        statusCode: s.status?.code ?? 0,
        service,
        contentType,
      })),
    );
  });
}

export interface OtlpReceiver {
  /** http://127.0.0.1:<port>/v1/traces */
  readonly url: string;
  readonly spans: ReceivedSpan[];
  close(): Promise<void>;
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const type = req.headers['content-type'] ?? '';
      if (req.method !== 'POST' || req.url !== '/v1/traces') {
        res.writeHead(404).end();
        return;
      }
      if (type.startsWith('application/json')) {
        spans.push(...jsonSpans(JSON.parse(body.toString()) as JsonRequest, type));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      } else if (type.startsWith('application/x-protobuf')) {
        spans.push(...protobufSpans(new Uint8Array(body), type));
        res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      } else {
        res.writeHead(415).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/traces`,
    spans,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
