/**
 * Writes the trained model as an ONNX graph (opset 17) with protobufjs and onnx.proto. The graph
 * takes what the Transformers.js text-classification pipeline feeds a BERT-type model, input_ids and
 * attention_mask (int64 [batch, sequence], right-padded), and computes the bigram buckets itself, so the
 * browser needs nothing beyond the standard tokenizer.
 */
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { NUM_LABELS } from './labels.ts';
import { inputWidth, TRIGRAM_MODULUS, type ModelConfig } from './model.ts';
import { toFloat16Bits, ZERO_POINT, type QuantizedModel, type QuantizedTable } from './quantize.ts';

const PROTO_PATH = fileURLToPath(new URL('./onnx.proto', import.meta.url));
const OPSET = 17;
const IR_VERSION = 8;

const DataType = { FLOAT: 1, UINT8: 2, INT64: 7, FLOAT16: 10 } as const;
const AttributeType = { FLOAT: 1, INT: 2, INTS: 7 } as const;
/** Added to masked positions before max pooling; far below any embedding value. */
const MASKED_FILL = 1e9;

interface Attribute {
  name: string;
  type: number;
  i?: number;
  f?: number;
  ints?: number[];
}

interface Node {
  opType: string;
  input: string[];
  output: string[];
  name: string;
  attribute: Attribute[];
}

interface Tensor {
  name: string;
  dataType: number;
  dims: number[];
  rawData: Uint8Array;
}

function intAttr(name: string, i: number): Attribute {
  return { name, type: AttributeType.INT, i };
}

function intsAttr(name: string, ints: number[]): Attribute {
  return { name, type: AttributeType.INTS, ints };
}

function bytesOf(array: Float32Array | Uint8Array | Uint16Array | BigInt64Array): Uint8Array {
  // ONNX raw_data is little-endian, as are typed arrays on every platform Node runs on.
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

/**
 * Two 4-bit values per byte: byte j of a row holds column j in its high nibble and column j + dim/2 in
 * its low nibble, so unpacking is one Concat of the two halves.
 */
export function packNibbles(table: QuantizedTable): Uint8Array {
  if (table.dim % 2 !== 0) throw new Error(`4-bit packing needs an even width, not ${table.dim}`);
  const half = table.dim / 2;
  const out = new Uint8Array(table.rows * half);
  for (let r = 0; r < table.rows; r++) {
    for (let j = 0; j < half; j++) {
      const high = table.values[r * table.dim + j]! + ZERO_POINT;
      const low = table.values[r * table.dim + half + j]! + ZERO_POINT;
      out[r * half + j] = (high << 4) | low;
    }
  }
  return out;
}

class GraphBuilder {
  readonly nodes: Node[] = [];
  readonly initializers: Tensor[] = [];

  node(opType: string, input: string[], output: string, attribute: Attribute[] = []): string {
    this.nodes.push({ opType, input, output: [output], name: `${opType}_${this.nodes.length}`, attribute });
    return output;
  }

  floats(name: string, dims: number[], data: Float32Array): string {
    this.initializers.push({ name, dataType: DataType.FLOAT, dims, rawData: bytesOf(data) });
    return name;
  }

  int64s(name: string, dims: number[], data: bigint[]): string {
    this.initializers.push({ name, dataType: DataType.INT64, dims, rawData: bytesOf(BigInt64Array.from(data)) });
    return name;
  }

  /**
   * Rows `ids` of a 4-bit table, as float32 [..., dim]. The packed bytes and the float16 scales are
   * gathered first and only those rows are dequantised: dequantising the whole table (what
   * DequantizeLinear before Gather does, since ORT never constant-folds DequantizeLinear) costs a
   * pass over every weight on every message.
   */
  gatherQuantized(name: string, table: QuantizedTable, ids: string): string {
    const packed = `${name}_packed`;
    this.initializers.push({
      name: packed,
      dataType: DataType.UINT8,
      dims: [table.rows, table.dim / 2],
      rawData: bytesOf(packNibbles(table)),
    });
    const scales = Uint16Array.from(table.scales, toFloat16Bits);
    this.initializers.push({ name: `${name}_scale`, dataType: DataType.FLOAT16, dims: [table.rows], rawData: bytesOf(scales) });
    const bytes = this.node('Cast', [this.node('Gather', [packed, ids], `${name}_bytes`, [intAttr('axis', 0)])], `${name}_bytes_f`, [
      intAttr('to', DataType.FLOAT),
    ]);
    const high = this.node('Floor', [this.node('Div', [bytes, 'sixteen'], `${name}_div16`)], `${name}_high`);
    const low = this.node('Sub', [bytes, this.node('Mul', [high, 'sixteen'], `${name}_high16`)], `${name}_low`);
    const levels = this.node('Concat', [high, low], `${name}_levels`, [intAttr('axis', -1)]);
    const centred = this.node('Sub', [levels, 'zero_point'], `${name}_q`);
    const rowScale = this.node(
      'Cast',
      [this.node('Gather', [`${name}_scale`, ids], `${name}_scale16`, [intAttr('axis', 0)])],
      `${name}_scale_f`,
      [intAttr('to', DataType.FLOAT)],
    );
    return this.node('Mul', [centred, this.node('Unsqueeze', [rowScale, 'axis_last'], `${name}_scale3`)], `${name}_rows`);
  }

  /** Mean over the sequence axis of rows[B, S, d] where weight[B, S] is 1; 0 when nothing is unmasked. */
  maskedMean(prefix: string, rows: string, weight: string): string {
    const weight3 = this.node('Unsqueeze', [weight, 'axis_2'], `${prefix}_weight3`);
    const masked = this.node('Mul', [rows, weight3], `${prefix}_masked`);
    const sum = this.node('ReduceSum', [masked, 'axis_1'], `${prefix}_sum`, [intAttr('keepdims', 0)]);
    const count = this.node('ReduceSum', [weight, 'axis_1'], `${prefix}_count`, [intAttr('keepdims', 1)]);
    const safeCount = this.node('Max', [count, 'one'], `${prefix}_safe_count`);
    return this.node('Div', [sum, safeCount], `${prefix}_mean`);
  }

  /**
   * max(0, max over the sequence axis of the unmasked rows[B, S, d]). Masked positions are pushed far
   * below zero, and a zero row is appended so that an empty (or fully masked) sequence gives 0.
   */
  maskedMaxFloor0(prefix: string, rows: string, weight: string): string {
    const weight3 = this.node('Unsqueeze', [weight, 'axis_2'], `${prefix}_max_weight3`);
    const kept = this.node('Mul', [rows, weight3], `${prefix}_max_kept`);
    const offMask = this.node('Sub', [weight3, 'one'], `${prefix}_max_off`);
    const penalty = this.node('Mul', [offMask, 'masked_fill'], `${prefix}_max_penalty`);
    const filled = this.node('Add', [kept, penalty], `${prefix}_max_filled`);
    // [B, 1, d] zeros whatever the sequence length (ReduceSum over an empty axis is 0).
    const sum = this.node('ReduceSum', [kept, 'axis_1'], `${prefix}_max_sum`, [intAttr('keepdims', 1)]);
    const zeros = this.node('Mul', [sum, 'zero'], `${prefix}_max_zeros`);
    const withZero = this.node('Concat', [filled, zeros], `${prefix}_max_with_zero`, [intAttr('axis', 1)]);
    return this.node('ReduceMax', [withZero], `${prefix}_max`, [intsAttr('axes', [1]), intAttr('keepdims', 0)]);
  }
}

function buildGraph(model: QuantizedModel): GraphBuilder {
  const { config } = model.params;
  const g = new GraphBuilder();
  g.int64s('axis_1', [1], [1n]);
  g.int64s('axis_2', [1], [2n]);
  g.int64s('start_0', [1], [0n]);
  g.int64s('start_1', [1], [1n]);
  g.int64s('end_minus_1', [1], [-1n]);
  g.int64s('end_max', [1], [2n ** 62n]);
  g.int64s('prime', [], [BigInt(config.prime)]);
  g.int64s('buckets', [], [BigInt(config.buckets)]);
  g.floats('one', [], new Float32Array([1]));
  g.floats('zero', [], new Float32Array([0]));
  g.floats('masked_fill', [], new Float32Array([MASKED_FILL]));
  g.floats('sixteen', [], new Float32Array([16]));
  g.floats('zero_point', [], new Float32Array([ZERO_POINT]));
  g.int64s('axis_last', [1], [-1n]);

  const mask = g.node('Cast', ['attention_mask'], 'mask_f', [intAttr('to', DataType.FLOAT)]);

  const tokenRows = g.gatherQuantized('token_embedding', model.tokens, 'input_ids');
  const tokenMean = g.maskedMean('token', tokenRows, mask);

  // Bigram t pairs token t with t + 1; for a length-1 sequence both slices are empty and the mean is 0.
  const left = g.node('Slice', ['input_ids', 'start_0', 'end_minus_1', 'axis_1'], 'left_ids');
  const right = g.node('Slice', ['input_ids', 'start_1', 'end_max', 'axis_1'], 'right_ids');
  const scaled = g.node('Mul', [left, 'prime'], 'left_scaled');
  const combined = g.node('Add', [scaled, right], 'pair_key');
  const bucket = g.node('Mod', [combined, 'buckets'], 'bigram_bucket');
  const leftMask = g.node('Slice', [mask, 'start_0', 'end_minus_1', 'axis_1'], 'left_mask');
  const rightMask = g.node('Slice', [mask, 'start_1', 'end_max', 'axis_1'], 'right_mask');
  const pairMask = g.node('Mul', [leftMask, rightMask], 'pair_mask');
  const bigramRows = g.gatherQuantized('bigram_embedding', model.bigrams, bucket);
  const bigramMean = g.maskedMean('bigram', bigramRows, pairMask);

  const parts = [tokenMean, bigramMean];
  if (config.trigramBuckets) {
    // Trigram t covers tokens t, t + 1, t + 2: ((a * prime + b) mod M) * prime + c, mod trigram buckets.
    g.int64s('start_2', [1], [2n]);
    g.int64s('end_minus_2', [1], [-2n]);
    g.int64s('trigram_modulus', [], [BigInt(TRIGRAM_MODULUS)]);
    g.int64s('trigram_buckets', [], [BigInt(config.trigramBuckets)]);
    const a = g.node('Slice', ['input_ids', 'start_0', 'end_minus_2', 'axis_1'], 'tri_a_ids');
    const b = g.node('Slice', ['input_ids', 'start_1', 'end_minus_1', 'axis_1'], 'tri_b_ids');
    const c = g.node('Slice', ['input_ids', 'start_2', 'end_max', 'axis_1'], 'tri_c_ids');
    const ab = g.node('Add', [g.node('Mul', [a, 'prime'], 'tri_a_scaled'), b], 'tri_ab');
    const inner = g.node('Mod', [ab, 'trigram_modulus'], 'tri_inner');
    const abc = g.node('Add', [g.node('Mul', [inner, 'prime'], 'tri_inner_scaled'), c], 'tri_abc');
    const triBucket = g.node('Mod', [abc, 'trigram_buckets'], 'trigram_bucket');
    const ma = g.node('Slice', [mask, 'start_0', 'end_minus_2', 'axis_1'], 'tri_a_mask');
    const mb = g.node('Slice', [mask, 'start_1', 'end_minus_1', 'axis_1'], 'tri_b_mask');
    const mc = g.node('Slice', [mask, 'start_2', 'end_max', 'axis_1'], 'tri_c_mask');
    const triMask = g.node('Mul', [g.node('Mul', [ma, mb], 'tri_ab_mask'), mc], 'tri_mask');
    const trigramRows = g.gatherQuantized('trigram_embedding', model.trigrams, triBucket);
    parts.push(g.maskedMean('trigram', trigramRows, triMask));
  }
  if (config.maxPool) parts.push(g.maskedMaxFloor0('token', tokenRows, mask));
  const pooled = g.node('Concat', parts, 'pooled', [intAttr('axis', 1)]);
  const { params } = model;
  g.floats('w1', [config.hidden, inputWidth(config)], params.w1);
  g.floats('b1', [config.hidden], params.b1);
  g.floats('w2', [NUM_LABELS, config.hidden], params.w2);
  g.floats('b2', [NUM_LABELS], params.b2);
  const hidden = g.node('Gemm', [pooled, 'w1', 'b1'], 'hidden_linear', [intAttr('transB', 1)]);
  const activated = g.node('Relu', [hidden], 'hidden');
  g.node('Gemm', [activated, 'w2', 'b2'], 'logits', [intAttr('transB', 1)]);
  return g;
}

function tensorValueInfo(name: string, elemType: number, dims: (number | string)[]): object {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

/** One line for model-info.json and the ONNX doc string. */
export function describeArchitecture(member: ModelConfig, members: number): string {
  const trigrams = member.trigramBuckets
    ? `mean(hashed trigram emb ${member.trigramBuckets}x${member.dim}, in-graph hash ((a*${member.prime}+b) mod ${TRIGRAM_MODULUS})*${member.prime}+c mod ${member.trigramBuckets}) ++ `
    : '';
  const maxPool = member.maxPool ? `max(0, max-over-time token emb) ++ ` : '';
  return (
    `average of ${members} fastText-style members, each: mean(token emb ${member.vocabSize}x${member.dim}) ++ ` +
    `mean(hashed bigram emb ${member.buckets}x${member.dim}, in-graph hash (a*${member.prime}+b) mod ${member.buckets}) ++ ` +
    trigrams +
    maxPool +
    `-> ReLU ${member.hidden} -> ${NUM_LABELS} logits; merged into one graph, sigmoid per label; embeddings 4-bit per row`
  ).replace(' ++ ->', ' ->');
}

export function encodeOnnx(model: QuantizedModel, description: string): Uint8Array {
  const root = protobuf.loadSync(PROTO_PATH);
  const ModelProto = root.lookupType('onnx.ModelProto');
  const g = buildGraph(model);
  const message = ModelProto.fromObject({
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: OPSET }],
    producerName: 'baton-triage-train',
    docString: description,
    graph: {
      name: 'triage',
      node: g.nodes,
      initializer: g.initializers,
      input: [
        tensorValueInfo('input_ids', DataType.INT64, ['batch_size', 'sequence_length']),
        tensorValueInfo('attention_mask', DataType.INT64, ['batch_size', 'sequence_length']),
      ],
      output: [tensorValueInfo('logits', DataType.FLOAT, ['batch_size', NUM_LABELS])],
    },
  });
  return ModelProto.encode(message).finish();
}
