// Node-API binding of the native float32 kernel. Every function takes the caller's Float32Arrays
// directly (no copies, no allocation) and checks their lengths before touching memory, so a wrong
// call throws instead of reading out of bounds. The TypeScript side is src/io/native-kernel.ts.
#include <node_api.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "gemm.h"

namespace {

using bpnet::sgemm;

struct Floats {
  float* data;
  size_t length;
};

bool fail(napi_env env, const char* message) {
  napi_throw_type_error(env, nullptr, message);
  return false;
}

bool get_floats(napi_env env, napi_value v, size_t need, Floats& out) {
  bool is = false;
  napi_is_typedarray(env, v, &is);
  if (!is) return fail(env, "bpnet native: expected a Float32Array");
  napi_typedarray_type type;
  void* data;
  napi_get_typedarray_info(env, v, &type, &out.length, &data, nullptr, nullptr);
  if (type != napi_float32_array) return fail(env, "bpnet native: expected a Float32Array");
  if (out.length < need) return fail(env, "bpnet native: array too short for the given shape");
  out.data = static_cast<float*>(data);
  return true;
}

bool get_int(napi_env env, napi_value v, int64_t& out) {
  if (napi_get_value_int64(env, v, &out) != napi_ok || out < 0 || out > (int64_t(1) << 31) - 1)
    return fail(env, "bpnet native: expected a non-negative integer");
  return true;
}

bool get_number(napi_env env, napi_value v, double& out) {
  if (napi_get_value_double(env, v, &out) != napi_ok) return fail(env, "bpnet native: expected a number");
  return true;
}

template <size_t N>
bool get_args(napi_env env, napi_callback_info info, napi_value (&argv)[N]) {
  size_t argc = N;
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (argc < N) return fail(env, "bpnet native: too few arguments");
  return true;
}

// gemm(transA, transB, m, n, k, alpha, A, B, beta, C)
napi_value Gemm(napi_env env, napi_callback_info info) {
  napi_value argv[10];
  if (!get_args(env, info, argv)) return nullptr;
  bool ta, tb;
  int64_t m, n, k;
  double alpha, beta;
  Floats A, B, C;
  if (napi_get_value_bool(env, argv[0], &ta) != napi_ok || napi_get_value_bool(env, argv[1], &tb) != napi_ok) {
    fail(env, "bpnet native: expected booleans");
    return nullptr;
  }
  if (!get_int(env, argv[2], m) || !get_int(env, argv[3], n) || !get_int(env, argv[4], k) ||
      !get_number(env, argv[5], alpha) || !get_number(env, argv[8], beta) ||
      !get_floats(env, argv[6], size_t(m) * k, A) || !get_floats(env, argv[7], size_t(k) * n, B) ||
      !get_floats(env, argv[9], size_t(m) * n, C))
    return nullptr;
  sgemm(ta, tb, int(m), int(n), int(k), float(alpha), A.data, B.data, float(beta), C.data);
  return nullptr;
}

// Activation opcodes: the `opcode` of each record in src/core/activations.ts. A new one goes
// before ACTIVATION_COUNT, with its case in both switches below.
enum Activation { LINEAR = 0, RELU = 1, LEAKY_RELU = 2, SIGMOID = 3, TANH = 4, SOFTPLUS = 5, ACTIVATION_COUNT };
constexpr float LEAKY_SLOPE = 0.01f;

inline float sigmoid(float z) {
  if (z >= 0) return 1.0f / (1.0f + std::exp(-z));
  const float e = std::exp(z);
  return e / (1.0f + e);
}

// ln(1 + e^z) as max(z, 0) + ln(1 + e^(−|z|)): no overflow for large |z|.
inline float softplus(float z) { return std::max(z, 0.0f) + std::log1p(std::exp(-std::fabs(z))); }

// biasActivate(Z, b, A, rows, cols, activation): Z ← Z + b per row, A ← g(Z)
napi_value BiasActivate(napi_env env, napi_callback_info info) {
  napi_value argv[6];
  if (!get_args(env, info, argv)) return nullptr;
  int64_t rows, cols, act;
  Floats Z, b, A;
  if (!get_int(env, argv[3], rows) || !get_int(env, argv[4], cols) || !get_int(env, argv[5], act) ||
      !get_floats(env, argv[0], size_t(rows) * cols, Z) || !get_floats(env, argv[1], size_t(cols), b) ||
      !get_floats(env, argv[2], size_t(rows) * cols, A))
    return nullptr;
  for (int64_t i = 0; i < rows; i++) {
    float* z = Z.data + i * cols;
    float* a = A.data + i * cols;
    const float* bias = b.data;
    for (int64_t j = 0; j < cols; j++) z[j] += bias[j];
    switch (act) {
      case LINEAR: for (int64_t j = 0; j < cols; j++) a[j] = z[j]; break;
      case RELU: for (int64_t j = 0; j < cols; j++) a[j] = z[j] > 0 ? z[j] : 0.0f; break;
      case LEAKY_RELU: for (int64_t j = 0; j < cols; j++) a[j] = z[j] > 0 ? z[j] : LEAKY_SLOPE * z[j]; break;
      case SIGMOID: for (int64_t j = 0; j < cols; j++) a[j] = sigmoid(z[j]); break;
      case TANH: for (int64_t j = 0; j < cols; j++) a[j] = std::tanh(z[j]); break;
      case SOFTPLUS: for (int64_t j = 0; j < cols; j++) a[j] = softplus(z[j]); break;
      default: fail(env, "bpnet native: unknown activation"); return nullptr;
    }
  }
  return nullptr;
}

// activationBackward(G, Z, A, out, rows, cols, activation): out ← G ⊙ g′(Z)
napi_value ActivationBackward(napi_env env, napi_callback_info info) {
  napi_value argv[7];
  if (!get_args(env, info, argv)) return nullptr;
  int64_t rows, cols, act;
  Floats G, Z, A, out;
  if (!get_int(env, argv[4], rows) || !get_int(env, argv[5], cols) || !get_int(env, argv[6], act)) return nullptr;
  const size_t n = size_t(rows) * cols;
  if (!get_floats(env, argv[0], n, G) || !get_floats(env, argv[1], n, Z) || !get_floats(env, argv[2], n, A) ||
      !get_floats(env, argv[3], n, out))
    return nullptr;
  const float *g = G.data, *z = Z.data, *a = A.data;
  float* o = out.data;
  switch (act) {
    case LINEAR: for (size_t i = 0; i < n; i++) o[i] = g[i]; break;
    case RELU: for (size_t i = 0; i < n; i++) o[i] = z[i] > 0 ? g[i] : 0.0f; break;
    case LEAKY_RELU: for (size_t i = 0; i < n; i++) o[i] = g[i] * (z[i] > 0 ? 1.0f : LEAKY_SLOPE); break;
    case SIGMOID: for (size_t i = 0; i < n; i++) o[i] = g[i] * (a[i] * (1.0f - a[i])); break;
    case TANH: for (size_t i = 0; i < n; i++) o[i] = g[i] * (1.0f - a[i] * a[i]); break;
    case SOFTPLUS: for (size_t i = 0; i < n; i++) o[i] = g[i] * sigmoid(z[i]); break;
    default: fail(env, "bpnet native: unknown activation"); return nullptr;
  }
  return nullptr;
}

// sumRows(X, rows, cols, alpha, out): out[j] ← alpha · Σᵢ X[i, j]
napi_value SumRows(napi_env env, napi_callback_info info) {
  napi_value argv[5];
  if (!get_args(env, info, argv)) return nullptr;
  int64_t rows, cols;
  double alpha;
  Floats X, out;
  if (!get_int(env, argv[1], rows) || !get_int(env, argv[2], cols) || !get_number(env, argv[3], alpha) ||
      !get_floats(env, argv[0], size_t(rows) * cols, X) || !get_floats(env, argv[4], size_t(cols), out))
    return nullptr;
  float* o = out.data;
  for (int64_t j = 0; j < cols; j++) o[j] = 0;
  for (int64_t i = 0; i < rows; i++) {
    const float* x = X.data + i * cols;
    for (int64_t j = 0; j < cols; j++) o[j] += x[j];
  }
  if (alpha != 1) for (int64_t j = 0; j < cols; j++) o[j] *= float(alpha);
  return nullptr;
}

// axpy(n, alpha, x, y): y ← y + alpha·x
napi_value Axpy(napi_env env, napi_callback_info info) {
  napi_value argv[4];
  if (!get_args(env, info, argv)) return nullptr;
  int64_t n;
  double alpha;
  Floats x, y;
  if (!get_int(env, argv[0], n) || !get_number(env, argv[1], alpha) || !get_floats(env, argv[2], size_t(n), x) ||
      !get_floats(env, argv[3], size_t(n), y))
    return nullptr;
  const float a = float(alpha);
  for (int64_t i = 0; i < n; i++) y.data[i] += a * x.data[i];
  return nullptr;
}

bool get_typed(napi_env env, napi_value v, napi_typedarray_type want, size_t need, void*& data, const char* what) {
  bool is = false;
  napi_is_typedarray(env, v, &is);
  napi_typedarray_type type;
  size_t length = 0;
  if (is) napi_get_typedarray_info(env, v, &type, &length, &data, nullptr, nullptr);
  if (!is || type != want) return fail(env, what);
  if (length < need) return fail(env, "bpnet native: array too short for the given shape");
  return true;
}

// gather(src, cols, order, start, rows, dst, values): dst row r ← src row order[start + r]; src is
// a Float32Array, or a Uint8Array (pixels) whose byte k stands for values[k] (a Float32Array of
// 256). Every index is checked against src first.
napi_value Gather(napi_env env, napi_callback_info info) {
  napi_value argv[7];
  if (!get_args(env, info, argv)) return nullptr;
  int64_t cols, start, rows;
  void *orderData, *srcData;
  Floats dst, values{nullptr, 0};
  bool isTyped = false;
  napi_is_typedarray(env, argv[0], &isTyped);
  if (!isTyped) { fail(env, "bpnet native: expected a Float32Array or Uint8Array"); return nullptr; }
  napi_typedarray_type srcType;
  size_t srcLength;
  napi_get_typedarray_info(env, argv[0], &srcType, &srcLength, &srcData, nullptr, nullptr);
  if (srcType != napi_float32_array && srcType != napi_uint8_array) { fail(env, "bpnet native: expected a Float32Array or Uint8Array"); return nullptr; }
  if (!get_int(env, argv[1], cols) || !get_int(env, argv[3], start) || !get_int(env, argv[4], rows) ||
      !get_typed(env, argv[2], napi_uint32_array, size_t(start + rows), orderData, "bpnet native: expected a Uint32Array") ||
      !get_floats(env, argv[5], size_t(rows) * cols, dst) ||
      (srcType == napi_uint8_array && !get_floats(env, argv[6], 256, values)))
    return nullptr;
  const uint32_t* order = static_cast<const uint32_t*>(orderData) + start;
  const size_t srcRows = cols == 0 ? 0 : srcLength / size_t(cols);
  for (int64_t r = 0; r < rows; r++)
    if (order[r] >= srcRows) { fail(env, "bpnet native: gather index out of range"); return nullptr; }
  const float* table = values.data;
  for (int64_t r = 0; r < rows; r++) {
    float* d = dst.data + r * cols;
    if (srcType == napi_uint8_array) {
      const uint8_t* from = static_cast<const uint8_t*>(srcData) + size_t(order[r]) * cols;
      for (int64_t j = 0; j < cols; j++) d[j] = table[from[j]];
    } else {
      const float* from = static_cast<const float*>(srcData) + size_t(order[r]) * cols;
      std::memcpy(d, from, size_t(cols) * sizeof(float));
    }
  }
  return nullptr;
}

// Optimizer opcodes shared with the optimizer records (optimizers.ts).
enum Rule { SGD = 0, MOMENTUM = 1, NESTEROV = 2, ADAM = 3 };

void update_range(int rule, size_t n, float* __restrict w, const float* __restrict d, float* __restrict v,
                  float* __restrict s, const double* h);

// update(rule, p, g, b0, b1, lr, mu, beta1, beta2, eps, c1, c2): one fused optimizer step over p
// (see optimizers.ts): one pass over p, g and the buffers, vectorised by the compiler.
napi_value Update(napi_env env, napi_callback_info info) {
  napi_value argv[12];
  if (!get_args(env, info, argv)) return nullptr;
  int64_t rule;
  double h[7];
  Floats p, g, b0, b1;
  if (!get_int(env, argv[0], rule) || !get_floats(env, argv[1], 0, p) || !get_floats(env, argv[2], p.length, g) ||
      !get_floats(env, argv[3], rule == SGD ? 0 : p.length, b0) || !get_floats(env, argv[4], rule == ADAM ? p.length : 0, b1))
    return nullptr;
  for (int i = 0; i < 7; i++) if (!get_number(env, argv[5 + i], h[i])) return nullptr;
  if (rule < SGD || rule > ADAM) { fail(env, "bpnet native: unknown optimizer rule"); return nullptr; }
  // Memory-bound (3 to 7 streams over the parameters): large arrays go to both cores in chunks.
  const size_t n = p.length, CHUNK = 32768;
  const int chunks = int((n + CHUNK - 1) / CHUNK);
  bpnet::parallel_chunks(chunks, [&](int c) {
    const size_t from = size_t(c) * CHUNK;
    update_range(int(rule), std::min(CHUNK, n - from), p.data + from, g.data + from,
                 b0.length ? b0.data + from : nullptr, b1.length ? b1.data + from : nullptr, h);
  });
  return nullptr;
}

void update_range(int rule, size_t n, float* __restrict w, const float* __restrict d, float* __restrict v,
                  float* __restrict s, const double* h) {
  const float lr = float(h[0]), mu = float(h[1]);
  switch (rule) {
    case SGD: for (size_t i = 0; i < n; i++) w[i] -= lr * d[i]; break;
    case MOMENTUM:
      for (size_t i = 0; i < n; i++) {
        v[i] = mu * v[i] - lr * d[i];
        w[i] += v[i];
      }
      break;
    case NESTEROV:
      for (size_t i = 0; i < n; i++) {
        v[i] = mu * v[i] - lr * d[i];
        w[i] += mu * v[i] - lr * d[i];
      }
      break;
    case ADAM: {
      const float beta1 = float(h[2]), beta2 = float(h[3]), eps = float(h[4]);
      const float a = float(h[0] / h[5]), rc2 = float(1.0 / h[6]);  // η/(1 − β₁ᵗ), 1/(1 − β₂ᵗ)
      for (size_t i = 0; i < n; i++) {
        v[i] = beta1 * v[i] + (1.0f - beta1) * d[i];
        s[i] = beta2 * s[i] + (1.0f - beta2) * d[i] * d[i];
        w[i] -= a * v[i] / (std::sqrt(s[i] * rc2) + eps);
      }
      break;
    }
  }
}

// activationCount(): how many opcodes this build implements (older builds lack newer ones).
napi_value ActivationCount(napi_env env, napi_callback_info) {
  napi_value out;
  napi_create_int32(env, ACTIVATION_COUNT, &out);
  return out;
}

napi_value Threads(napi_env env, napi_callback_info) {
  napi_value out;
  napi_create_int32(env, bpnet::gemm_threads(), &out);
  return out;
}

napi_value Init(napi_env env, napi_value exports) {
  const napi_property_descriptor props[] = {
      {"gemm", nullptr, Gemm, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"biasActivate", nullptr, BiasActivate, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"activationBackward", nullptr, ActivationBackward, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"sumRows", nullptr, SumRows, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"axpy", nullptr, Axpy, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"gather", nullptr, Gather, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"update", nullptr, Update, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"threads", nullptr, Threads, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"activationCount", nullptr, ActivationCount, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  return exports;
}

}  // namespace

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
