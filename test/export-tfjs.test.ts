/**
 * TensorFlow.js export: the files (model.json + weights) load with tf.loadLayersModel through a
 * handler that reads them from disk, and give bpnet's outputs; import → export is the same model;
 * a model built and saved by tfjs itself imports and predicts as tfjs does.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { networkFromJSON, networkToJSON, predict } from '../src/index.ts';
import { networkFromTfjs, networkToTfjs } from '../src/formats/index.ts';
import { loadExport, saveExport } from '../src/io/exports.ts';
import { cases, expectedOutputs, maxDifference, randomInputs } from './export-helpers.ts';
import { tempDir } from './helpers.ts';

await tf.setBackend('cpu');

/** tf.loadLayersModel's input: an IOHandler reading model.json and the weights files it names. */
function fileHandler(modelPath: string): tf.io.IOHandler {
  return {
    load: async () => {
      const json = JSON.parse(readFileSync(modelPath, 'utf8')) as tf.io.ModelJSON;
      return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
        const specs = manifest.flatMap((g) => g.weights);
        const parts = manifest.flatMap((g) => g.paths.map((p) => readFileSync(join(dirname(modelPath), p))));
        const all = Buffer.concat(parts);
        return [specs, all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength)];
      });
    },
  };
}

for (const c of cases()) {
  test(`tfjs ${c.name}: tf.loadLayersModel gives bpnet's outputs on 100 random inputs (≤ 1e-5)`, async () => {
    const dir = tempDir();
    const net = networkFromJSON(c.json, c.name);
    const written = saveExport(join(dir, 'model.json'), net, 'tfjs');
    assert.deepEqual(written.map((p) => p.slice(dir.length + 1)), ['model.json', 'model.weights.bin']);
    const model = await tf.loadLayersModel(fileHandler(join(dir, 'model.json')));
    const x = randomInputs(c);
    const out = model.predict(tf.tensor2d(Float32Array.from(x), [100, c.inputs])) as tf.Tensor;
    const diff = maxDifference(out.dataSync(), expectedOutputs(c, x).flat());
    tf.dispose([out]);
    model.dispose();
    assert.ok(diff <= 1e-5, `max |tfjs − bpnet| = ${diff}`);

    // import → the same model (weights as float32), and the same files again
    const back = loadExport(join(dir, 'model.json'), 'tfjs');
    const json = networkToJSON(back) as ReturnType<typeof networkToJSON> & Record<string, unknown>;
    const orig = c.json as ReturnType<typeof networkToJSON>;
    assert.equal(json.loss, orig.loss);
    assert.deepEqual(json.classLabels, c.json.classLabels);
    assert.deepEqual(json.inputTransform, c.json.inputTransform);
    json.layers.forEach((l, i) => {
      assert.equal(l.activation, orig.layers[i]!.activation);
      assert.deepEqual(l.weights, orig.layers[i]!.weights.map((row) => row.map(Math.fround)));
      assert.deepEqual(l.bias, orig.layers[i]!.bias.map(Math.fround));
    });
    const again = networkToTfjs(back);
    const first = networkToTfjs(net);
    assert.deepEqual(again.weights, first.weights);
    assert.deepEqual(again.modelJSON, first.modelJSON);
  });
}

test('tfjs import of a model built and saved by tfjs (Dense relu, Dense + LeakyReLU 0.01, softmax)', async () => {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [6], units: 5, activation: 'relu' }),
      tf.layers.dense({ units: 4 }),
      tf.layers.leakyReLU({ alpha: 0.01 }),
      tf.layers.dense({ units: 3, activation: 'softmax' }),
    ],
  });
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (a) => {
    artifacts = a;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  const modelJSON = { modelTopology: artifacts!.modelTopology, weightsManifest: [{ paths: ['w.bin'], weights: artifacts!.weightSpecs }] };
  const weights = new Uint8Array(artifacts!.weightData as ArrayBuffer);
  const net = networkFromTfjs(modelJSON, () => weights, 'tfjs-made.json');
  assert.deepEqual(net.layers.map((l) => l.activation), ['relu', 'leaky-relu', 'softmax']);
  assert.equal(net.loss, 'cross-entropy');
  const x = Float64Array.from({ length: 60 }, (_, i) => Math.cos(i * 1.7) * 2);
  const want = (model.predict(tf.tensor2d(Float32Array.from(x), [10, 6])) as tf.Tensor).dataSync();
  const diff = maxDifference(want, predict(net, x, 10).flat());
  assert.ok(diff <= 1e-5, `max |tfjs − bpnet| = ${diff}`);

  const other = { modelTopology: { class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { name: 'd', units: 2, activation: 'leaky-relu' } }] } }, weightsManifest: [] };
  assert.throws(() => networkFromTfjs(other, () => new Uint8Array(), 'odd.json'), /odd\.json: .*activation "leaky-relu" has no bpnet equivalent/);
  const slope = { modelTopology: artifacts!.modelTopology, weightsManifest: modelJSON.weightsManifest };
  (slope.modelTopology as any).config.layers[2].config.alpha = 0.3;
  assert.throws(() => networkFromTfjs(slope, () => weights, 'slope.json'), /slope\.json: .*LeakyReLU with alpha = 0\.3; bpnet's is 0\.01/);
});
