// Blocked float32 GEMM (see gemm.h): packing, one register-tile micro-kernel, and a tiny pool of
// persistent threads that split the tiles of C between them.
#include "gemm.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace bpnet {
namespace {

typedef float v16 __attribute__((vector_size(64)));
typedef float v16u __attribute__((vector_size(64), aligned(4)));  // unaligned access to C

// Register tile MR×NR: 8 rows × 32 columns = 16 vector accumulators (of 32 AVX-512 registers).
constexpr int MR = 8, NR = 32;
// K is cut in blocks of KC so that a packed B micro-panel (KC×NR) stays in L1 while the A panels
// stream by, and MC rows of packed A (MC×KC) stay in L2.
constexpr int KC = 192, MC = 96;

inline void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#endif
}

/**
 * Waits until done() holds: spins briefly (the other threads are usually microseconds away),
 * then yields the core, so that an oversubscribed machine does not starve the thread waited for.
 */
template <class Done>
inline void spin_until(Done done) {
  for (int i = 0; i < 4000; i++) {
    if (done()) return;
    cpu_relax();
  }
  while (!done()) std::this_thread::yield();
}

/** A growable 64-byte aligned float buffer; grows only, so steady-state calls allocate nothing. */
struct Buffer {
  float* data = nullptr;
  size_t size = 0;
  float* get(size_t n) {
    if (n > size) {
      std::free(data);
      size = (n + 1023) & ~size_t(1023);
      data = static_cast<float*>(std::aligned_alloc(64, size * sizeof(float)));
    }
    return data;
  }
};

struct Problem {
  bool transA, transB;
  int m, n, k;
  float alpha, beta;
  const float* A;
  const float* B;
  float* C;
  float* packB;  // ceil(n/NR) panels of k×NR, packed once per call
};

/** Packs rows [i0, i0+MR) of op(A), k range [p0, p0+kc), as dst[p*MR + r]; zero beyond m. */
void pack_a(const Problem& P, int i0, int p0, int kc, float* dst) {
  const int rows = std::min(MR, P.m - i0);
  if (P.transA) {  // A stored k×m: the MR values for one p are contiguous
    for (int p = 0; p < kc; p++) {
      const float* src = P.A + size_t(p0 + p) * P.m + i0;
      for (int r = 0; r < rows; r++) dst[p * MR + r] = src[r];
      for (int r = rows; r < MR; r++) dst[p * MR + r] = 0;
    }
  } else {
    for (int r = 0; r < rows; r++) {
      const float* src = P.A + size_t(i0 + r) * P.k + p0;
      for (int p = 0; p < kc; p++) dst[p * MR + r] = src[p];
    }
    for (int r = rows; r < MR; r++)
      for (int p = 0; p < kc; p++) dst[p * MR + r] = 0;
  }
}

/** Packs columns [j0, j0+NR) of op(B), k range [p0, p0+kc), as dst[p*NR + c]; zero beyond n. */
void pack_b(const Problem& P, int j0, int p0, int kc, float* dst) {
  const int cols = std::min(NR, P.n - j0);
  if (P.transB) {  // B stored n×k: one column of op(B) is a contiguous row of B
    // Transposed in 16×16 blocks through a small buffer: reads and writes both stay sequential
    // (column by column, every write of the panel would touch a different cache line).
    alignas(64) float block[16][16];
    for (int pb = 0; pb < kc; pb += 16) {
      const int ps = std::min(16, kc - pb);
      for (int cb = 0; cb < NR; cb += 16) {
        for (int c = 0; c < 16; c++) {
          if (cb + c < cols) {
            const float* src = P.B + size_t(j0 + cb + c) * P.k + p0 + pb;
            for (int p = 0; p < ps; p++) block[p][c] = src[p];
          } else {
            for (int p = 0; p < ps; p++) block[p][c] = 0;
          }
        }
        for (int p = 0; p < ps; p++) std::memcpy(dst + (pb + p) * NR + cb, block[p], 16 * sizeof(float));
      }
    }
  } else {
    for (int p = 0; p < kc; p++) {
      const float* src = P.B + size_t(p0 + p) * P.n + j0;
      std::memcpy(dst + p * NR, src, cols * sizeof(float));
      for (int c = cols; c < NR; c++) dst[p * NR + c] = 0;
    }
  }
}

/**
 * The micro-kernel: acc (MR×NR) = Σ_p a[p, :]ᵀ·b[p, :] over kc packed steps, then
 * C_tile ← alpha·acc (+ C_tile when accumulate). Only the rows × cols inside C are written.
 */
void micro(int kc, const float* __restrict a, const float* __restrict b, float* C, int ldc,
           float alpha, bool accumulate, int rows, int cols) {
  v16 acc[MR][2];
  for (int r = 0; r < MR; r++) acc[r][0] = acc[r][1] = v16{};
  for (int p = 0; p < kc; p++) {
    const v16 b0 = *reinterpret_cast<const v16*>(b + p * NR);
    const v16 b1 = *reinterpret_cast<const v16*>(b + p * NR + 16);
    const float* ap = a + p * MR;
#pragma GCC unroll 8
    for (int r = 0; r < MR; r++) {
      acc[r][0] += ap[r] * b0;
      acc[r][1] += ap[r] * b1;
    }
  }
  if (rows == MR && cols == NR) {
    for (int r = 0; r < MR; r++) {
      v16u* c = reinterpret_cast<v16u*>(C + size_t(r) * ldc);
      if (accumulate) {
        c[0] += alpha * acc[r][0];
        c[1] += alpha * acc[r][1];
      } else {
        c[0] = alpha * acc[r][0];
        c[1] = alpha * acc[r][1];
      }
    }
    return;
  }
  alignas(64) float tile[MR][NR];
  std::memcpy(tile, acc, sizeof tile);
  for (int r = 0; r < rows; r++) {
    float* c = C + size_t(r) * ldc;
    for (int j = 0; j < cols; j++) c[j] = alpha * tile[r][j] + (accumulate ? c[j] : 0.0f);
  }
}

// ---- work split -----------------------------------------------------------------------------
//
// A call packs all of op(B) once (panels claimed one at a time), then C is cut into units of
// (a chunk of row panels) × (a chunk of column panels); each unit packs its own rows of op(A) and
// runs the micro-kernel over them. Threads claim panels and units from atomic counters, so a
// thread that the OS has not scheduled yet simply gets no work: nobody waits for a late thread.

struct Split {
  int rowPanels, colPanels, rowChunk, colChunk, rowChunks, colChunks;
  Split(int m, int n, int threads) {
    rowPanels = (m + MR - 1) / MR;
    colPanels = (n + NR - 1) / NR;
    const int want = 2 * threads;  // a few units per thread evens out the load
    rowChunk = std::max(1, std::min(MC / MR, (rowPanels + want - 1) / want));
    rowChunks = (rowPanels + rowChunk - 1) / rowChunk;
    colChunks = rowChunks >= want ? 1 : std::min(colPanels, (want + rowChunks - 1) / rowChunks);
    colChunk = (colPanels + colChunks - 1) / colChunks;
    colChunks = (colPanels + colChunk - 1) / colChunk;
  }
  int units() const { return rowChunks * colChunks; }
};

thread_local Buffer local_a, local_b;

/** Computes one unit of C: rows panels [r0, r1) × column panels [c0, c1), over all of k. */
void compute_unit(const Problem& P, int r0, int r1, int c0, int c1) {
  float* packA = local_a.get(size_t(r1 - r0) * MR * P.k);
  for (int i = r0; i < r1; i++) {
    float* dst = packA + size_t(i - r0) * MR * P.k;
    for (int p0 = 0; p0 < P.k; p0 += KC) pack_a(P, i * MR, p0, std::min(KC, P.k - p0), dst + size_t(p0) * MR);
  }
  for (int p0 = 0; p0 < P.k; p0 += KC) {
    const int kc = std::min(KC, P.k - p0);
    const bool accumulate = p0 > 0 || P.beta != 0.0f;
    for (int j = c0; j < c1; j++) {
      const float* b = P.packB + size_t(j) * NR * P.k + size_t(p0) * NR;
      const int cols = std::min(NR, P.n - j * NR);
      for (int i = r0; i < r1; i++) {
        micro(kc, packA + size_t(i - r0) * MR * P.k + size_t(p0) * MR, b,
              P.C + size_t(i) * MR * P.n + j * NR, P.n, P.alpha, accumulate, std::min(MR, P.m - i * MR), cols);
      }
    }
  }
}

void pack_b_panel(const Problem& P, int j) {
  float* dst = P.packB + size_t(j) * NR * P.k;
  for (int p0 = 0; p0 < P.k; p0 += KC) pack_b(P, j * NR, p0, std::min(KC, P.k - p0), dst + size_t(p0) * NR);
}

void compute_unit(const Problem& P, const Split& S, int u) {
  const int rc = u / S.colChunks, cc = u % S.colChunks;
  compute_unit(P, rc * S.rowChunk, std::min(S.rowPanels, (rc + 1) * S.rowChunk),
               cc * S.colChunk, std::min(S.colPanels, (cc + 1) * S.colChunk));
}

struct Job {
  const Problem* P;
  const Split* S;
  std::atomic<int> nextPanel{0}, packedPanels{0}, nextUnit{0}, doneUnits{0};
  // A plain parallel loop instead of a product (see parallel_chunks): chunk c of `chunks`.
  const std::function<void(int)>* chunk = nullptr;
  int chunks = 0;
  int units() const { return chunk ? chunks : S->units(); }
};

/** A thread's share of a job: whatever panels, then units, are still unclaimed. */
void help(Job& job) {
  if (job.chunk) {
    for (int u; (u = job.nextUnit.fetch_add(1, std::memory_order_relaxed)) < job.chunks;) {
      (*job.chunk)(u);
      job.doneUnits.fetch_add(1, std::memory_order_release);
    }
    return;
  }
  const Split& S = *job.S;
  for (int j; (j = job.nextPanel.fetch_add(1, std::memory_order_relaxed)) < S.colPanels;) {
    pack_b_panel(*job.P, j);
    job.packedPanels.fetch_add(1, std::memory_order_release);
  }
  spin_until([&] { return job.packedPanels.load(std::memory_order_acquire) >= S.colPanels; });
  for (int u; (u = job.nextUnit.fetch_add(1, std::memory_order_relaxed)) < S.units();) {
    compute_unit(*job.P, S, u);
    job.doneUnits.fetch_add(1, std::memory_order_release);
  }
}

// ---- threads ------------------------------------------------------------------------------

/**
 * Persistent helper threads. run() publishes a job and works on it itself; helpers join while
 * the job is open. `state_` holds a "closed" bit and the number of helpers inside the job, so
 * closing it and waiting for those inside is race-free and a late helper never sees a stale job.
 */
class Pool {
 public:
  explicit Pool(int threads) : threads_(threads) {
    for (int t = 1; t < threads; t++) std::thread([this] { work(); }).detach();
  }
  int size() const { return threads_; }

  void run(Job& job) {
    job_ = &job;
    state_.store(0, std::memory_order_release);
    generation_.fetch_add(1, std::memory_order_release);
    generation_.notify_all();
    help(job);
    spin_until([&] { return job.doneUnits.load(std::memory_order_acquire) >= job.units(); });
    state_.fetch_or(CLOSED, std::memory_order_acq_rel);
    spin_until([this] { return (state_.load(std::memory_order_acquire) & ~CLOSED) == 0; });
  }

 private:
  static constexpr unsigned CLOSED = 1u << 31;

  void work() {
    uint64_t seen = generation_.load(std::memory_order_acquire);
    for (;;) {
      // Spin a little first: a training step calls GEMM several times in quick succession.
      uint64_t g = generation_.load(std::memory_order_acquire);
      for (int i = 0; g == seen && i < 4000; i++) {
        cpu_relax();
        g = generation_.load(std::memory_order_acquire);
      }
      if (g == seen) {
        generation_.wait(seen, std::memory_order_acquire);
        continue;
      }
      seen = g;
      unsigned s = state_.load(std::memory_order_acquire);
      while (!(s & CLOSED) && !state_.compare_exchange_weak(s, s + 1, std::memory_order_acq_rel)) {}
      if (s & CLOSED) continue;  // too late: the job is finished
      help(*job_);
      state_.fetch_sub(1, std::memory_order_release);
    }
  }

  const int threads_;
  std::atomic<uint64_t> generation_{0};
  std::atomic<unsigned> state_{CLOSED};
  Job* job_ = nullptr;
};

int configured_threads() {
  if (const char* env = std::getenv("BPNET_THREADS")) {
    const int t = std::atoi(env);
    if (t >= 1) return std::min(t, 64);
  }
  const unsigned hw = std::thread::hardware_concurrency();
  return hw == 0 ? 1 : int(std::min(hw, 8u));
}

Pool& pool() {
  static Pool* p = new Pool(configured_threads());  // never destroyed: helpers live as long as the process
  return *p;
}

std::mutex pool_mutex;  // one parallel GEMM at a time (Node worker threads may share the addon)
Buffer shared_b;

}  // namespace

int gemm_threads() { return pool().size(); }

void parallel_chunks(int chunks, const std::function<void(int)>& body) {
  Pool& threads = pool();
  if (threads.size() > 1 && chunks > 1 && pool_mutex.try_lock()) {
    std::lock_guard<std::mutex> hold(pool_mutex, std::adopt_lock);
    Job job;
    job.chunk = &body;
    job.chunks = chunks;
    threads.run(job);
    return;
  }
  for (int c = 0; c < chunks; c++) body(c);
}

void sgemm(bool transA, bool transB, int m, int n, int k,
           float alpha, const float* A, const float* B, float beta, float* C) {
  if (m <= 0 || n <= 0) return;
  if (k <= 0) {  // empty sum: C ← beta·C
    for (size_t i = 0; i < size_t(m) * n; i++) C[i] = beta == 0.0f ? 0.0f : C[i];
    return;
  }
  Problem P{transA, transB, m, n, k, alpha, beta, A, B, C, nullptr};
  const size_t bSize = size_t((n + NR - 1) / NR) * NR * k;
  Pool& threads = pool();
  // Below ~0.5 M multiply-adds, waking another thread costs more than it saves.
  if (threads.size() > 1 && double(m) * n * k >= 5e5 && pool_mutex.try_lock()) {
    std::lock_guard<std::mutex> hold(pool_mutex, std::adopt_lock);
    const Split S(m, n, threads.size());
    if (S.units() > 1) {
      P.packB = shared_b.get(bSize);
      Job job;
      job.P = &P;
      job.S = &S;
      threads.run(job);
      return;
    }
  }
  P.packB = local_b.get(bSize);
  const Split S(m, n, 1);
  for (int j = 0; j < S.colPanels; j++) pack_b_panel(P, j);
  for (int u = 0; u < S.units(); u++) compute_unit(P, S, u);
}

}  // namespace bpnet
