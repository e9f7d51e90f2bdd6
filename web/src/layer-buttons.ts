/**
 * +/− buttons for the hidden layers (as in the TensorFlow Playground): one pair to add or remove a
 * layer, and one pair per layer for its neurons. They edit the "hidden layers" field (e.g. 8-8),
 * which stays the one source of the architecture, and then report a change.
 */
import { t } from './i18n.ts';

const MAX_LAYERS = 6;
const MAX_UNITS = 64;

/** Draws the buttons; returns the function that redraws them (after the field is set from code). */
export function wireLayerButtons(host: HTMLElement, field: HTMLInputElement, onChange: () => void): () => void {
  const read = () => field.value.trim() === '' ? [] : field.value.split(/[-,\s]+/).map(Number).filter((n) => Number.isInteger(n) && n > 0);
  const write = (sizes: number[]) => { field.value = sizes.join('-'); render(); onChange(); };
  const button = (text: string, label: string, act: () => void, disabled: boolean) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.setAttribute('aria-label', label);
    b.title = label;
    b.disabled = disabled;
    b.addEventListener('click', act);
    return b;
  };
  const render = () => {
    const sizes = read();
    const layers = document.createElement('div');
    layers.className = 'layer-count';
    layers.append(
      button('−', t('removeLayer'), () => write(sizes.slice(0, -1)), sizes.length === 0),
      Object.assign(document.createElement('span'), { textContent: `${sizes.length} ${t('layers')}` }),
      button('+', t('addLayer'), () => write([...sizes, sizes[sizes.length - 1] ?? 4]), sizes.length >= MAX_LAYERS),
    );
    const perLayer = sizes.map((n, l) => {
      const g = document.createElement('div');
      g.className = 'layer-units';
      g.append(
        button('−', `${t('fewerNeurons')} ${l + 1}`, () => write(sizes.map((v, k) => (k === l ? v - 1 : v))), n <= 1),
        Object.assign(document.createElement('span'), { textContent: String(n) }),
        button('+', `${t('moreNeurons')} ${l + 1}`, () => write(sizes.map((v, k) => (k === l ? v + 1 : v))), n >= MAX_UNITS),
      );
      return g;
    });
    host.replaceChildren(layers, ...perLayer);
  };
  render();
  field.addEventListener('change', render);
  return render;
}
