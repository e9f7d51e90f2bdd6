/**
 * ONNX export: the file runs in onnxruntime (onnxruntime-web's wasm backend, in Node) and gives
 * bpnet's outputs; its structure is checked with an independent decoder (the protobufjs ONNX schema
 * that ships with onnxruntime-web); import → export gives the same bytes and the same model; a
 * graph written as other exporters do (MatMul + Add, Gemm with transB = 0 and alpha, Flatten) imports.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import * as ort from 'onnxruntime-web';
import { networkFromJSON, networkToJSON, predict } from '../src/index.ts';
import { networkFromOnnx, networkToOnnx } from '../src/formats/index.ts';
import { cases, expectedOutputs, maxDifference, randomInputs } from './export-helpers.ts';

ort.env.wasm.numThreads = 1;
// The generated ONNX protobuf classes inside onnxruntime-web (not in its exports map: loaded by path).
const require = createRequire(import.meta.url);
const { onnx } = require(require.resolve('onnxruntime-web').replace(/dist[/\\].*$/, 'lib/onnxjs/ort-schema/protobuf/onnx.js')) as { onnx: any };

async function runOrt(bytes: Uint8Array, x: Float64Array, inputs: number, names = ['input', 'output']): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes);
  const rows = x.length / inputs;
  const r = await session.run({ [names[0]!]: new ort.Tensor('float32', Float32Array.from(x), [rows, inputs]) });
  await session.release();
  return r[names[1]!]!.data as Float32Array;
}

for (const c of cases()) {
  test(`onnx ${c.name}: onnxruntime gives bpnet's outputs on 100 random inputs (≤ 1e-5)`, async () => {
    const net = networkFromJSON(c.json, c.name);
    const x = randomInputs(c);
    const got = await runOrt(networkToOnnx(net), x, c.inputs);
    const want = expectedOutputs(c, x).flat();
    const diff = maxDifference(got, want);
    assert.ok(diff <= 1e-5, `max |onnxruntime − bpnet| = ${diff}`);
  });

  test(`onnx ${c.name}: import gives the same model (weights as float32), export again the same bytes`, () => {
    const bytes = networkToOnnx(networkFromJSON(c.json, c.name));
    const back = networkFromOnnx(bytes, 'x.onnx');
    const json = networkToJSON(back) as Record<string, unknown> & ReturnType<typeof networkToJSON>;
    const orig = c.json as ReturnType<typeof networkToJSON>;
    assert.equal(json.loss, orig.loss);
    assert.deepEqual(json.classLabels, c.json.classLabels);
    assert.deepEqual(json.inputTransform, c.json.inputTransform);
    json.layers.forEach((l, i) => {
      const o = orig.layers[i]!;
      assert.equal(l.activation, o.activation);
      assert.deepEqual(l.weights, o.weights.map((row) => row.map(Math.fround)));
      assert.deepEqual(l.bias, o.bias.map(Math.fround));
    });
    assert.deepEqual(networkToOnnx(back), bytes);
  });
}

test('onnx structure, read by the ONNX schema: opset 13, input [N, inputs], Sub/Div, Gemm transB, Softmax axis 1', () => {
  const c = cases()[0]!;
  const m = onnx.ModelProto.decode(networkToOnnx(networkFromJSON(c.json, c.name)));
  assert.equal(Number(m.opsetImport[0].version), 13);
  assert.equal(m.opsetImport[0].domain, '');
  const g = m.graph;
  assert.deepEqual(g.node.map((n: any) => n.opType), ['Sub', 'Div', 'Gemm', 'Tanh', 'Gemm', 'LeakyRelu', 'Gemm', 'Softmax']);
  assert.equal(g.input.length, 1);
  assert.equal(g.input[0].name, 'input');
  const dims = g.input[0].type.tensorType.shape.dim;
  assert.equal(dims[0].dimParam, 'N');
  assert.equal(Number(dims[1].dimValue), 5);
  assert.equal(g.output[0].name, 'output');
  assert.equal(Number(g.output[0].type.tensorType.shape.dim[1].dimValue), 3);
  const attr = (op: string, name: string) => g.node.find((n: any) => n.opType === op).attribute.find((a: any) => a.name === name);
  assert.equal(Number(attr('Gemm', 'transB').i), 1);
  assert.equal(Number(attr('Softmax', 'axis').i), 1);
  assert.ok(Math.abs(attr('LeakyRelu', 'alpha').f - 0.01) < 1e-9);
  const W1 = g.initializer.find((t: any) => t.name === 'W1');
  assert.deepEqual(W1.dims.map(Number), [4, 5]);
  assert.equal(W1.dataType, 1);
  const meta = JSON.parse(m.metadataProps.find((p: any) => p.key === 'bpnet').value);
  assert.deepEqual(meta.classLabels, c.json.classLabels);
});

test('onnx import of a graph as other exporters write it: Flatten, MatMul + Add, Gemm transB = 0 with alpha, Relu, Sigmoid', async () => {
  // 3 → 4 (relu) → 2 (sigmoid); W stored as [inputs, units].
  const A = [[0.5, -1, 0.25, 2], [1.5, 0.3, -0.7, 0.1], [-0.2, 0.8, 1.1, -1.3]];
  const a1 = [0.1, -0.2, 0.3, 0];
  const B = [[1, -1], [0.5, 0.25], [-0.75, 2], [0.3, -0.6]];
  const b2 = [0.05, -0.1];
  const tensor = (name: string, dims: number[], values: number[]) => ({ name, dims, dataType: 1, floatData: values });
  const node = (opType: string, input: string[], output: string, attribute: object[] = []) => ({ opType, input, output: [output], name: output, attribute });
  const info = (name: string, n: number) => ({ name, type: { tensorType: { elemType: 1, shape: { dim: [{ dimParam: 'batch' }, { dimValue: n }] } } } });
  const model = onnx.ModelProto.create({
    irVersion: 8, producerName: 'hand-written', opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'foreign',
      node: [
        node('Flatten', ['x'], 'flat', [{ name: 'axis', type: 2, i: 1 }]),
        node('MatMul', ['flat', 'A'], 'mm'), node('Add', ['mm', 'a1'], 'z1'), node('Relu', ['z1'], 'h'),
        node('Gemm', ['h', 'B', 'b2'], 'z2', [{ name: 'alpha', type: 1, f: 2 }, { name: 'beta', type: 1, f: 0.5 }]),
        node('Sigmoid', ['z2'], 'y'),
      ],
      initializer: [tensor('A', [3, 4], A.flat()), tensor('a1', [4], a1), tensor('B', [4, 2], B.flat()), tensor('b2', [2], b2)],
      input: [info('x', 3)], output: [info('y', 2)],
    },
  });
  const bytes = onnx.ModelProto.encode(model).finish() as Uint8Array;
  const net = networkFromOnnx(bytes, 'foreign.onnx');
  assert.deepEqual(net.layers.map((l) => l.activation), ['relu', 'sigmoid']);
  assert.equal(net.loss, 'binary-cross-entropy');
  const x = Float64Array.from({ length: 30 }, (_, i) => Math.sin(i) * 3);
  const got = await runOrt(bytes, x, 3, ['x', 'y']);
  const diff = maxDifference(got, predict(net, x, 10).flat());
  assert.ok(diff <= 1e-5, `max |onnxruntime − bpnet| = ${diff}`);
});

test('onnx import errors name the file and what is wrong', () => {
  assert.throws(() => networkFromOnnx(new Uint8Array([0x0a, 0x05, 1]), 'bad.onnx'), /bad\.onnx.*field 1 claims 5 bytes/);
  const conv = onnx.ModelProto.encode(onnx.ModelProto.create({
    irVersion: 8, opsetImport: [{ version: 13 }],
    graph: { node: [{ opType: 'Conv', input: ['x', 'w'], output: ['y'] }], initializer: [{ name: 'w', dims: [1], dataType: 1, floatData: [1] }], input: [{ name: 'x' }], output: [{ name: 'y' }] },
  })).finish();
  assert.throws(() => networkFromOnnx(conv, 'conv.onnx'), /conv\.onnx.*operator Conv.*not part of a dense network/);
});
