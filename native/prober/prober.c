/*
 * porthole_prober: Porthole's TCP connect prober as a plain C N-API addon (Linux, epoll).
 *
 * Why: the JavaScript prober spends its time in libuv's per-socket epoll add/remove and in a JS
 * callback per port. This loop asks connect() twice before it involves epoll (on loopback that
 * settles the probe: socket + connect + connect + close), otherwise adds the socket to epoll once
 * and lets close() take it out; it calls into JavaScript only to fetch probes and hand back
 * results in batches.
 *
 * probe() is SYNCHRONOUS: it blocks its thread until the work source is empty, so it is meant for
 * the engine's probe worker threads only, never the main thread. It is N-API (NAPI_VERSION 8)
 * and keeps no global state, so one .node file loads in Node and in Electron, in any thread.
 *
 * Statuses match what the JavaScript prober reports (src/main/engine/errno.ts): 0 connected,
 * NO_RESPONSE (1) after the timeout and every retry, or a negative errno. Local resource failures
 * (EMFILE, ENFILE, EADDRNOTAVAIL, ENOBUFS, ENOMEM, EAGAIN, or epoll refusing the socket) narrow
 * the window, back off, and are retried; only when they persist is the errno recorded.
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <node_api.h>

#define NO_RESPONSE 1
/*
 * The shared control words (an Int32Array the main thread writes): [0] run/pause/stop; [1], when
 * present, how many results the consumer has taken so far (wrapping at 2^32).
 */
#define CONTROL_RUN 0
#define CONTROL_PAUSE 1
#define CONTROL_STOP 2
/* probe()'s return value. */
#define ENDED_DONE 0
#define ENDED_STOPPED 1

/* Bounds: every buffer below is sized from these, never from input without a cap. */
#define MAX_WINDOW 65536
#define MAX_EVENTS 1024
/* The loop looks at the control word at least this often, and flushes results this often. */
#define TICK_MS 50
#define MAX_LOCAL_TRIES 10
#define BACKOFF_BASE_US 10000
#define BACKOFF_MAX_US 1000000

/* One probe the loop owns: in flight, waiting for a retry, or on the free list. */
typedef struct {
  int fd;               /* -1 unless in flight */
  uint8_t family;       /* 4 or 6 */
  uint8_t addr[16];     /* network order; 4 bytes used for IPv4 */
  uint16_t port;
  double id;            /* the caller's probe index, handed back with the result */
  int tries;            /* tries that got no answer so far */
  int local_tries;      /* tries refused for lack of local resources so far */
  int64_t started_us;   /* when the current try's connect started */
  int32_t prev, next;   /* links in the in-flight list (launch order) or the retry queue */
} probe_t;

/* Everything one probe() call owns; released by loop_close() on every path. */
typedef struct {
  napi_env env;
  napi_value fill_fn, emit_fn;
  /* Caller's buffers (typed arrays, alive for the whole call). */
  const uint8_t *in_family, *in_addr;
  const uint16_t *in_port;
  const double *in_id;
  uint32_t in_cap, in_pos, in_count;
  double *out_id;
  int32_t *out_status, *out_rtt;
  uint32_t out_cap, out_count;
  const int32_t *control;
  const int32_t *consumed; /* NULL: no flow control */
  uint32_t produced;       /* results recorded so far (wrapping, like *consumed) */
  /* Knobs. */
  uint32_t max_window, window;
  int64_t timeout_us;
  int retries;
  /* State. */
  int epfd;
  probe_t *probes;
  int32_t *free_stack;
  uint32_t free_count;
  int32_t fly_head, fly_tail; /* in flight, oldest first: timeouts are checked at the head */
  int32_t retry_head, retry_tail;
  uint32_t inflight;
  int source_done;
  int failed; /* a JavaScript callback threw: stop at once, the exception is pending */
  int64_t backoff_until_us, last_emit_us;
  struct epoll_event *events;
} loop_t;

static int64_t now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int is_local_failure(int err) {
  return err == EMFILE || err == ENFILE || err == EADDRNOTAVAIL || err == ENOBUFS ||
         err == ENOMEM || err == EAGAIN;
}

/* ---- lists ---- */

static void fly_push(loop_t *l, int32_t i) {
  probe_t *p = &l->probes[i];
  p->prev = l->fly_tail;
  p->next = -1;
  if (l->fly_tail >= 0) l->probes[l->fly_tail].next = i;
  else l->fly_head = i;
  l->fly_tail = i;
  l->inflight++;
}

static void fly_unlink(loop_t *l, int32_t i) {
  probe_t *p = &l->probes[i];
  if (p->prev >= 0) l->probes[p->prev].next = p->next;
  else l->fly_head = p->next;
  if (p->next >= 0) l->probes[p->next].prev = p->prev;
  else l->fly_tail = p->prev;
  p->prev = p->next = -1;
  l->inflight--;
}

static void retry_push_back(loop_t *l, int32_t i) {
  l->probes[i].next = -1;
  if (l->retry_tail >= 0) l->probes[l->retry_tail].next = i;
  else l->retry_head = i;
  l->retry_tail = i;
}

static void retry_push_front(loop_t *l, int32_t i) {
  l->probes[i].next = l->retry_head;
  l->retry_head = i;
  if (l->retry_tail < 0) l->retry_tail = i;
}

static int32_t retry_pop(loop_t *l) {
  int32_t i = l->retry_head;
  if (i < 0) return -1;
  l->retry_head = l->probes[i].next;
  if (l->retry_head < 0) l->retry_tail = -1;
  l->probes[i].next = -1;
  return i;
}

static void release(loop_t *l, int32_t i) { l->free_stack[l->free_count++] = i; }

/* ---- calls into JavaScript ---- */

/*
 * Hands the results gathered so far to emit(count). On idle ticks it calls emit(0): when the
 * worker is being terminated that call fails, and the loop closes its sockets and returns instead
 * of holding the thread (and process exit) until its share is done.
 */
static void flush(loop_t *l) {
  if (l->failed) return;
  napi_handle_scope scope;
  if (napi_open_handle_scope(l->env, &scope) != napi_ok) {
    l->failed = 1;
    return;
  }
  napi_value global, arg;
  if (napi_get_global(l->env, &global) != napi_ok ||
      napi_create_uint32(l->env, l->out_count, &arg) != napi_ok ||
      napi_call_function(l->env, global, l->emit_fn, 1, &arg, NULL) != napi_ok) {
    l->failed = 1;
  }
  napi_close_handle_scope(l->env, scope);
  l->out_count = 0;
  l->last_emit_us = now_us();
}

/* Asks fill() for the next probes; it returns how many it wrote into the input buffers. */
static void refill(loop_t *l) {
  l->in_pos = l->in_count = 0;
  napi_handle_scope scope;
  if (napi_open_handle_scope(l->env, &scope) != napi_ok) {
    l->failed = 1;
    return;
  }
  napi_value global, result;
  int32_t n = 0;
  if (napi_get_global(l->env, &global) != napi_ok ||
      napi_call_function(l->env, global, l->fill_fn, 0, NULL, &result) != napi_ok ||
      napi_get_value_int32(l->env, result, &n) != napi_ok) {
    l->failed = 1;
  }
  napi_close_handle_scope(l->env, scope);
  if (l->failed || n <= 0) l->source_done = 1;
  else l->in_count = (uint32_t)n > l->in_cap ? l->in_cap : (uint32_t)n;
}

static void record(loop_t *l, const probe_t *p, int32_t status, int32_t rtt_us) {
  if (l->out_count == l->out_cap) flush(l);
  if (l->failed) return;
  l->out_id[l->out_count] = p->id;
  l->out_status[l->out_count] = status;
  l->out_rtt[l->out_count] = rtt_us;
  l->out_count++;
  l->produced++;
}

static int32_t rtt_since(const probe_t *p, int64_t now) {
  int64_t rtt = now - p->started_us;
  if (rtt < 1) rtt = 1;
  return rtt > INT32_MAX ? INT32_MAX : (int32_t)rtt;
}

/* ---- probing ---- */

/* The kernel refused for lack of resources: narrow the window, back off, try this probe again. */
static void local_failure(loop_t *l, int32_t i, int err, int64_t now) {
  probe_t *p = &l->probes[i];
  p->local_tries++;
  if (p->local_tries >= MAX_LOCAL_TRIES) {
    record(l, p, -err, -1);
    release(l, i);
    return;
  }
  retry_push_front(l, i);
  uint32_t w = l->window < l->inflight ? l->window : l->inflight;
  l->window = w >> 1 ? w >> 1 : 1;
  int64_t delay = (int64_t)BACKOFF_BASE_US << (p->local_tries - 1);
  if (delay > BACKOFF_MAX_US) delay = BACKOFF_MAX_US;
  if (now + delay > l->backoff_until_us) l->backoff_until_us = now + delay;
}

/* An answer (or a final error) for an attempt that left the process. */
static void answered(loop_t *l, int32_t i, int err, int64_t now) {
  probe_t *p = &l->probes[i];
  if (err == 0) {
    /* Close an open port with a reset (SO_LINGER 0): no TIME_WAIT left behind. */
    struct linger lg = {1, 0};
    setsockopt(p->fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
  }
  close(p->fd);
  p->fd = -1;
  if (is_local_failure(err)) {
    local_failure(l, i, err, now);
    return;
  }
  record(l, p, -err, rtt_since(p, now));
  release(l, i);
  if (l->window < l->max_window) l->window++;
}

/* connect() to the probe's address: the first call starts the handshake, later ones ask. */
static int connect_again(const probe_t *p, int fd) {
  if (p->family == 6) {
    struct sockaddr_in6 sa;
    memset(&sa, 0, sizeof sa);
    sa.sin6_family = AF_INET6;
    sa.sin6_port = htons(p->port);
    memcpy(&sa.sin6_addr, p->addr, 16);
    return connect(fd, (struct sockaddr *)&sa, sizeof sa);
  }
  struct sockaddr_in sa;
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_port = htons(p->port);
  memcpy(&sa.sin_addr, p->addr, 4);
  return connect(fd, (struct sockaddr *)&sa, sizeof sa);
}

/* Starts one try: in flight afterwards, or already settled (answered, failed, backed off). */
static void launch(loop_t *l, int32_t i, int64_t now) {
  probe_t *p = &l->probes[i];
  /* The clock now, not the caller's: a burst of launches can take milliseconds, which would
     inflate the rtt and shorten the timeout of the later probes in it. */
  p->started_us = now_us();
  int domain = p->family == 6 ? AF_INET6 : AF_INET;
  int fd = socket(domain, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    int err = errno;
    if (is_local_failure(err)) local_failure(l, i, err, now);
    else {
      record(l, p, -err, -1);
      release(l, i);
    }
    return;
  }
  int rc = connect_again(p, fd);
  p->fd = fd;
  int err = rc == 0 ? 0 : errno;
  if (err == EINPROGRESS) {
    /*
     * Ask again before involving epoll: a second connect() says 0 (connected), EALREADY (still
     * waiting) or the error. On loopback the answer is already there (the kernel handles the
     * SYN, and the SYN-ACK or RST, before the first connect returns), so most probes are settled
     * without an epoll_ctl, an event and a getsockopt; elsewhere it costs one cheap syscall.
     */
    rc = connect_again(p, fd);
    err = rc == 0 || errno == EISCONN ? 0 : errno;
  }
  if (err == EALREADY || err == EINPROGRESS) {
    struct epoll_event ev;
    ev.events = EPOLLOUT;
    ev.data.u32 = (uint32_t)i;
    if (epoll_ctl(l->epfd, EPOLL_CTL_ADD, fd, &ev) == 0) {
      fly_push(l, i);
      return;
    }
    /* epoll is out of memory or watches: a local failure like any other, backed off. */
    err = errno;
    close(fd);
    p->fd = -1;
    local_failure(l, i, err, now);
    return;
  }
  /* Settled at once (connected or refused on the spot): the same as an answer, like libuv. */
  answered(l, i, err, now_us());
}

static int control_word(const loop_t *l) {
  return l->control != NULL ? __atomic_load_n(l->control, __ATOMIC_SEQ_CST) : CONTROL_RUN;
}

/*
 * Whether the consumer keeps up: at most two output batches may be recorded but not yet taken,
 * so a slow consumer holds probing back (memory stays bounded) and a pause takes effect within
 * that much, not after a queue of messages.
 */
static int consumer_keeps_up(const loop_t *l) {
  if (l->consumed == NULL) return 1;
  uint32_t taken = (uint32_t)__atomic_load_n(l->consumed, __ATOMIC_SEQ_CST);
  return l->produced - taken < 2 * l->out_cap;
}

/* Starts tries while the window, the back-off and the control word allow. */
static void launch_some(loop_t *l, int64_t now) {
  while (!l->failed && l->inflight < l->window && now >= l->backoff_until_us &&
         control_word(l) == CONTROL_RUN && consumer_keeps_up(l)) {
    int32_t i = retry_pop(l);
    if (i < 0) {
      if (l->in_pos == l->in_count) {
        if (l->source_done) return;
        refill(l);
        if (l->source_done) return;
      }
      if (l->free_count == 0) return; /* cannot happen: in flight + retries <= max window */
      i = l->free_stack[--l->free_count];
      probe_t *p = &l->probes[i];
      uint32_t k = l->in_pos++;
      p->family = l->in_family[k] == 6 ? 6 : 4;
      memcpy(p->addr, l->in_addr + (size_t)k * 16, 16);
      p->port = l->in_port[k];
      p->id = l->in_id[k];
      p->tries = 0;
      p->local_tries = 0;
    }
    launch(l, i, now);
  }
}

static void handle_events(loop_t *l, int n, int64_t now) {
  for (int k = 0; k < n; k++) {
    uint32_t i = l->events[k].data.u32;
    if (i >= l->max_window || l->probes[i].fd < 0) continue;
    probe_t *p = &l->probes[i];
    int err = 0;
    if (l->events[k].events & (EPOLLERR | EPOLLHUP)) {
      socklen_t len = sizeof err;
      if (getsockopt(p->fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) err = errno;
    }
    fly_unlink(l, (int32_t)i);
    answered(l, (int32_t)i, err, now);
  }
}

/* Every try has the same timeout, so the oldest in flight is the first to expire. */
static void handle_timeouts(loop_t *l, int64_t now) {
  while (l->fly_head >= 0) {
    int32_t i = l->fly_head;
    probe_t *p = &l->probes[i];
    if (p->started_us + l->timeout_us > now) return;
    fly_unlink(l, i);
    close(p->fd);
    p->fd = -1;
    if (p->tries < l->retries) {
      p->tries++;
      retry_push_back(l, i);
    } else {
      record(l, p, NO_RESPONSE, -1);
      release(l, i);
    }
  }
}

static int wait_ms(const loop_t *l, int64_t now, int paused) {
  /* Waiting for the consumer: look again soon, it takes a batch in well under a millisecond. */
  if (!paused && !consumer_keeps_up(l)) return 1;
  int64_t until = now + (int64_t)TICK_MS * 1000;
  if (l->fly_head >= 0) {
    int64_t deadline = l->probes[l->fly_head].started_us + l->timeout_us;
    if (deadline < until) until = deadline;
  }
  if (!paused && l->backoff_until_us > now && l->backoff_until_us < until) {
    until = l->backoff_until_us;
  }
  int64_t ms = (until - now + 999) / 1000;
  return ms < 0 ? 0 : (int)ms;
}

/* Closes every socket still open and frees everything: safe on every path. */
static void loop_close(loop_t *l) {
  if (l->probes != NULL) {
    for (uint32_t i = 0; i < l->max_window; i++) {
      if (l->probes[i].fd >= 0) close(l->probes[i].fd);
    }
  }
  if (l->epfd >= 0) close(l->epfd);
  free(l->probes);
  free(l->free_stack);
  free(l->events);
}

static int run(loop_t *l) {
  for (;;) {
    int control = control_word(l);
    if (control == CONTROL_STOP) return ENDED_STOPPED;
    int paused = control == CONTROL_PAUSE;
    int64_t now = now_us();
    if (!paused) launch_some(l, now);
    if (l->failed) return ENDED_DONE;
    if (l->source_done && l->inflight == 0 && l->retry_head < 0) return ENDED_DONE;
    int held = paused || !consumer_keeps_up(l);
    if ((held && l->out_count > 0) || now - l->last_emit_us >= (int64_t)TICK_MS * 1000) {
      flush(l);
      if (l->failed) return ENDED_DONE;
    }
    int n = epoll_wait(l->epfd, l->events, MAX_EVENTS, wait_ms(l, now, paused));
    if (n < 0) {
      if (errno == EINTR) continue;
      n = 0;
    }
    now = now_us();
    handle_events(l, n, now);
    /* After a stall more answers may be waiting than one read returns: take them all before
       expiring anything, or an answered port would be reported as a timeout. */
    while (n == MAX_EVENTS) {
      n = epoll_wait(l->epfd, l->events, MAX_EVENTS, 0);
      if (n <= 0) break;
      handle_events(l, n, now);
    }
    handle_timeouts(l, now);
  }
}

/* ---- argument plumbing ---- */

static int typed_array(napi_env env, napi_value v, napi_typedarray_type want, void **data,
                       size_t *length) {
  bool is = false;
  if (napi_is_typedarray(env, v, &is) != napi_ok || !is) return 0;
  napi_typedarray_type type;
  if (napi_get_typedarray_info(env, v, &type, length, data, NULL, NULL) != napi_ok) return 0;
  return type == want;
}

static int is_function(napi_env env, napi_value v) {
  napi_valuetype t;
  return napi_typeof(env, v, &t) == napi_ok && t == napi_function;
}

/*
 * probe(window, timeoutMs, retries,
 *       inFamily: Uint8Array, inAddr: Uint8Array (16 bytes a probe), inPort: Uint16Array,
 *       inId: Float64Array, outId: Float64Array, outStatus: Int32Array, outRttUs: Int32Array,
 *       control: Int32Array | null, fill: () => number, emit: (count: number) => void): 0 | 1
 *
 * control[0] is CONTROL_RUN / PAUSE / STOP; control[1], if present, counts results the consumer
 * has taken (probing waits while two output batches are untaken).
 *
 * fill() writes up to inPort.length probes into the input arrays and returns how many (0 when
 * the work is done); emit(n) receives n results in the output arrays, which are reused after it
 * returns. Returns 1 when the control word asked to stop (what was in flight is dropped).
 */
static napi_value probe(napi_env env, napi_callback_info info) {
  size_t argc = 13;
  napi_value argv[13];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 13) {
    napi_throw_type_error(env, NULL, "probe: expected 13 arguments");
    return NULL;
  }
  int32_t window, timeout_ms, retries;
  if (napi_get_value_int32(env, argv[0], &window) != napi_ok ||
      napi_get_value_int32(env, argv[1], &timeout_ms) != napi_ok ||
      napi_get_value_int32(env, argv[2], &retries) != napi_ok || window < 1 || timeout_ms < 1 ||
      retries < 0) {
    napi_throw_range_error(env, NULL, "probe: window, timeoutMs and retries must be positive");
    return NULL;
  }
  loop_t l;
  memset(&l, 0, sizeof l);
  l.env = env;
  l.epfd = -1;
  void *in_family, *in_addr, *in_port, *in_id, *out_id, *out_status, *out_rtt;
  size_t n_family, n_addr, n_port, n_id, n_out_id, n_out_status, n_out_rtt;
  if (!typed_array(env, argv[3], napi_uint8_array, &in_family, &n_family) ||
      !typed_array(env, argv[4], napi_uint8_array, &in_addr, &n_addr) ||
      !typed_array(env, argv[5], napi_uint16_array, &in_port, &n_port) ||
      !typed_array(env, argv[6], napi_float64_array, &in_id, &n_id) ||
      !typed_array(env, argv[7], napi_float64_array, &out_id, &n_out_id) ||
      !typed_array(env, argv[8], napi_int32_array, &out_status, &n_out_status) ||
      !typed_array(env, argv[9], napi_int32_array, &out_rtt, &n_out_rtt) || n_port == 0 ||
      n_port > UINT32_MAX / 16 || n_family < n_port || n_addr < n_port * 16 || n_id < n_port ||
      n_out_id == 0 || n_out_id > UINT32_MAX || n_out_status < n_out_id || n_out_rtt < n_out_id) {
    napi_throw_type_error(env, NULL, "probe: input or output arrays have the wrong type or size");
    return NULL;
  }
  napi_valuetype control_type;
  if (napi_typeof(env, argv[10], &control_type) != napi_ok) return NULL;
  if (control_type != napi_null && control_type != napi_undefined) {
    void *control;
    size_t n_control;
    if (!typed_array(env, argv[10], napi_int32_array, &control, &n_control) || n_control < 1) {
      napi_throw_type_error(env, NULL, "probe: control must be an Int32Array or null");
      return NULL;
    }
    l.control = control;
    if (n_control >= 2) l.consumed = l.control + 1;
  }
  if (!is_function(env, argv[11]) || !is_function(env, argv[12])) {
    napi_throw_type_error(env, NULL, "probe: fill and emit must be functions");
    return NULL;
  }
  l.in_family = in_family;
  l.in_addr = in_addr;
  l.in_port = in_port;
  l.in_id = in_id;
  l.in_cap = (uint32_t)n_port;
  l.out_id = out_id;
  l.out_status = out_status;
  l.out_rtt = out_rtt;
  l.out_cap = (uint32_t)n_out_id;
  l.fill_fn = argv[11];
  l.emit_fn = argv[12];
  l.max_window = l.window = window > MAX_WINDOW ? MAX_WINDOW : (uint32_t)window;
  l.timeout_us = (int64_t)timeout_ms * 1000;
  l.retries = retries;
  l.fly_head = l.fly_tail = l.retry_head = l.retry_tail = -1;
  l.last_emit_us = now_us();

  l.epfd = -1;
  l.probes = calloc(l.max_window, sizeof *l.probes);
  l.free_stack = calloc(l.max_window, sizeof *l.free_stack);
  l.events = calloc(MAX_EVENTS, sizeof *l.events);
  /* Every slot says "no socket" before anything can fail: loop_close must never close(0). */
  if (l.probes != NULL) {
    for (uint32_t i = 0; i < l.max_window; i++) l.probes[i].fd = -1;
  }
  int err = ENOMEM;
  if (l.probes != NULL && l.free_stack != NULL && l.events != NULL) {
    l.epfd = epoll_create1(EPOLL_CLOEXEC);
    if (l.epfd < 0) err = errno;
  }
  if (l.epfd < 0) {
    loop_close(&l);
    napi_throw_error(env, err == EMFILE || err == ENFILE ? "EMFILE" : "ENOMEM",
                     "probe: cannot set up the epoll loop");
    return NULL;
  }
  for (uint32_t i = 0; i < l.max_window; i++) {
    l.probes[i].prev = l.probes[i].next = -1;
    /* Lowest index on top, so few slots are touched when the window is small. */
    l.free_stack[i] = (int32_t)(l.max_window - 1 - i);
  }
  l.free_count = l.max_window;

  int ended = run(&l);
  if (!l.failed && ended == ENDED_DONE && l.out_count > 0) flush(&l);
  loop_close(&l);
  if (l.failed) return NULL; /* the callback's exception is pending and propagates */
  napi_value result;
  napi_create_int32(env, ended, &result);
  return result;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  if (napi_create_function(env, "probe", NAPI_AUTO_LENGTH, probe, NULL, &fn) != napi_ok ||
      napi_set_named_property(env, exports, "probe", fn) != napi_ok) {
    return NULL;
  }
  return exports;
}
