// Node-API binding of the native float32 kernel. Every function takes the caller's Float32Arrays
// directly (no copies, no allocation) and checks their lengths before touching memory, so a wrong
// call throws instead of reading out of bounds. The TypeScript side is src/io/native-kernel.ts.
#include <node_api.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>

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
      {"threads", nullptr, Threads, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"activationCount", nullptr, ActivationCount, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  return exports;
}

}  // namespace

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
