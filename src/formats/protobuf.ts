/**
 * Just enough Protocol Buffers to write and read ONNX files, so that bpnet needs no protobuf
 * runtime (browser-safe, no dependencies).
 *
 * The wire format: every field is a varint key (field number << 3 | wire type) followed by its
 * value. Wire types used by ONNX: 0 varint (ints, enums), 2 length-delimited (strings, bytes,
 * nested messages, packed repeated numbers), 5 fixed 32-bit (float). 1 (fixed 64-bit) is skipped
 * when read. Field numbers are ONNX's own (onnx/onnx.proto), named where they are used.
 */
import { BpnetError } from '../core/errors.ts';

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/** Builds one message; nested messages are written into their own ProtoWriter and added as bytes. */
export class ProtoWriter {
  private chunks: Uint8Array[] = [];
  private length = 0;

  private push(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.length += bytes.length;
  }

  private varint(value: number): void {
    // Non-negative safe integers only (ONNX ints here are sizes, enums and versions).
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`protobuf: cannot write ${value} as a varint`);
    const out: number[] = [];
    while (value >= 0x80) {
      out.push((value % 0x80) | 0x80);
      value = Math.floor(value / 0x80);
    }
    out.push(value);
    this.push(Uint8Array.from(out));
  }

  private key(field: number, wireType: 0 | 2 | 5): void {
    this.varint(field * 8 + wireType);
  }

  int(field: number, value: number): this {
    this.key(field, 0);
    this.varint(value);
    return this;
  }

  float(field: number, value: number): this {
    this.key(field, 5);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    this.push(b);
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.key(field, 2);
    this.varint(value.length);
    this.push(value);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, utf8.encode(value));
  }

  message(field: number, value: ProtoWriter): this {
    return this.bytes(field, value.finish());
  }

  /** A packed repeated int64 field (e.g. TensorProto.dims). */
  packedInts(field: number, values: readonly number[]): this {
    const inner = new ProtoWriter();
    for (const v of values) inner.varint(v);
    return this.bytes(field, inner.finish());
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.length);
    let offset = 0;
    for (const c of this.chunks) {
      out.set(c, offset);
      offset += c.length;
    }
    return out;
  }
}

/** One field as read: numbers for varint and fixed32 fields, the raw bytes for length-delimited ones. */
export type ProtoField =
  | { field: number; wireType: 0; value: number }
  | { field: number; wireType: 2; value: Uint8Array }
  | { field: number; wireType: 5; value: number };

/** Splits one message into its fields, in file order; `source` names the file in errors. */
export function readFields(bytes: Uint8Array, source: string): ProtoField[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (at: number, message: string): never => {
    throw new BpnetError(`not a valid ONNX (protobuf) file: ${message} at byte ${at}`, source);
  };
  let pos = 0;
  const varint = (): number => {
    const [value, next] = readVarint(bytes, pos);
    if (next < 0) fail(pos, 'truncated varint');
    pos = next;
    return value;
  };
  const fields: ProtoField[] = [];
  while (pos < bytes.length) {
    const start = pos;
    const key = varint();
    const field = Math.floor(key / 8), wireType = key % 8;
    if (field === 0) fail(start, 'field number 0');
    if (wireType === 0) {
      fields.push({ field, wireType, value: varint() });
    } else if (wireType === 2) {
      const n = varint();
      // A negative length (a 10-byte varint) would move backwards: refused like an overlong one.
      if (n < 0 || pos + n > bytes.length) fail(start, `field ${field} claims ${n} bytes, only ${bytes.length - pos} left`);
      fields.push({ field, wireType, value: bytes.subarray(pos, pos + n) });
      pos += n;
    } else if (wireType === 5) {
      if (pos + 4 > bytes.length) fail(start, 'truncated float');
      fields.push({ field, wireType, value: view.getFloat32(pos, true) });
      pos += 4;
    } else if (wireType === 1) {
      pos += 8; // fixed64 (double_data, uint64_data): not used by the graphs bpnet reads
      if (pos > bytes.length) fail(start, 'truncated fixed64');
    } else {
      fail(start, `unsupported wire type ${wireType}`);
    }
  }
  return fields;
}

/** The varints of a packed repeated field (or of one unpacked element). */
export function readPackedInts(field: ProtoField, source: string): number[] {
  if (field.wireType === 0) return [field.value];
  if (field.wireType !== 2) throw new BpnetError(`expected integers in field ${field.field}`, source);
  const out: number[] = [];
  for (let pos = 0; pos < field.value.length;) {
    const [value, next] = readVarint(field.value, pos);
    if (next < 0) throw new BpnetError(`truncated packed integers in field ${field.field}`, source);
    out.push(value);
    pos = next;
  }
  return out;
}

/**
 * One varint at `pos`: [value, position after it], or next = −1 when truncated. Ten-byte varints
 * are negative int64s in two's complement (protobuf writes axis −1 that way); they go through
 * BigInt so that the sign survives.
 */
function readVarint(bytes: Uint8Array, pos: number): [number, number] {
  let big = 0n;
  for (let i = 0; i < 10; i++) {
    if (pos + i >= bytes.length) return [0, -1];
    const b = bytes[pos + i]!;
    big |= BigInt(b & 0x7f) << BigInt(7 * i);
    if (b < 0x80) return [Number(BigInt.asIntN(64, big)), pos + i + 1];
  }
  return [0, -1];
}

/** The bytes of a length-delimited field (a nested message); a BpnetError for any other wire type. */
export function messageBytes(field: ProtoField, source: string): Uint8Array {
  if (field.wireType !== 2) throw new BpnetError(`not a valid ONNX (protobuf) file: field ${field.field} should be a message, has wire type ${field.wireType}`, source);
  return field.value;
}

/** A string field's text (UTF-8); a BpnetError when the field is not length-delimited. */
export function decodeString(field: ProtoField, source: string): string {
  if (field.wireType !== 2) throw new BpnetError(`expected a string in field ${field.field}`, source);
  return fromUtf8.decode(field.value);
}
