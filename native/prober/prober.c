/*
 * porthole_prober: Porthole's TCP connect prober as a plain C N-API addon (Linux, epoll).
 *
 * Why: the JavaScript prober spends its time in libuv's per-socket epoll add/remove and in a JS
 * callback per port, and probe worker threads each pay for a whole Node environment at start-up.
 * Here the probing runs in plain threads of the addon's own: the caller (the main thread) feeds
 * probes into a shared queue and takes results out of another, woken through a thread-safe
 * function, and never blocks.
 *
 * Each thread asks connect() twice before it involves epoll (on loopback that settles the probe:
 * socket + connect + connect + close), otherwise adds the socket to epoll once and lets close()
 * take it out. It is N-API (NAPI_VERSION 8) with no global state, so one .node file loads in Node
 * and in Electron.
 *
 * Statuses match what the JavaScript prober reports (src/main/engine/errno.ts): 0 connected,
 * NO_RESPONSE (1) after the timeout and every retry, or a negative errno. Local resource failures
 * (EMFILE, ENFILE, EADDRNOTAVAIL, ENOBUFS, ENOMEM, EAGAIN, or epoll refusing the socket) narrow
 * the window, back off, and are retried; only when they persist is the errno recorded.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <node_api.h>

#define NO_RESPONSE 1
/* The control word, as src/main/engine/probe-control.ts writes it. */
#define CONTROL_RUN 0
#define CONTROL_PAUSE 1
#define CONTROL_STOP 2

/* Bounds: every buffer below is sized from these, never from input without a cap. */
#define MAX_WINDOW 65536
#define MAX_THREADS 16
#define MAX_EVENTS 1024
/* Probes a thread takes from the shared queue at once, and results it gathers before handing
   them over: small enough that threads share the tail of a scan evenly. */
#define TAKE 256
#define LOCAL_OUT 1024
/* Probes the caller may queue ahead of the threads. */
#define IN_CAP 16384
/* Results that may wait for the caller (besides those in flight): a slow consumer holds probing
   back here, so memory stays bounded. */
#define OUT_SLACK 65536
/* A thread looks at the control word at least this often, and hands results over this often. */
#define TICK_MS 50
#define MAX_LOCAL_TRIES 10
#define BACKOFF_BASE_US 10000
#define BACKOFF_MAX_US 1000000

typedef struct {
  uint8_t family; /* 4 or 6 */
  uint8_t addr[16]; /* network order; 4 bytes used for IPv4 */
  uint16_t port;
  double id; /* the caller's probe index, handed back with the result */
} probe_in_t;

typedef struct {
  double id;
  int32_t status;
  int32_t rtt_us;
} result_t;

/* One probe a thread owns: in flight, waiting for a retry, or on the free list. */
typedef struct {
  int fd; /* -1 unless in flight */
  probe_in_t in;
  int tries;            /* tries that got no answer so far */
  int local_tries;      /* tries refused for lack of local resources so far */
  int64_t started_us;   /* when the current try's connect started */
  int32_t prev, next;   /* links in the in-flight list (launch order) or the retry queue */
} probe_t;

typedef struct scan_s scan_t;

/* Everything one probing thread owns; released by loop_free() on every path. */
typedef struct {
  scan_t *scan;
  pthread_t thread;
  int started;
  probe_in_t in[TAKE];
  uint32_t in_pos, in_count;
  result_t out[LOCAL_OUT];
  uint32_t out_count;
  uint32_t max_window, window;
  int epfd;
  probe_t *probes;
  int32_t *free_stack;
  uint32_t free_count;
  int32_t fly_head, fly_tail; /* in flight, oldest first: timeouts are checked at the head */
  int32_t retry_head, retry_tail;
  uint32_t inflight;
  /* A socket refused on the spot, kept for the next probe of its family: [0] IPv4, [1] IPv6. */
  int spare_fd[2];
  int source_done; /* the caller said no more and the queue is empty */
  int starved;     /* the queue is empty for now, or results wait for the caller */
  int64_t backoff_until_us, last_flush_us;
  struct epoll_event *events;
} loop_t;

/* One scan: the shared queues, the threads, the wake-up into JavaScript. */
struct scan_s {
  pthread_mutex_t mu;
  pthread_cond_t cv; /* probes queued, results taken, or the control word changed */
  /* Under mu. */
  probe_in_t in[IN_CAP];
  uint32_t in_head, in_count;
  int in_closed;
  result_t *out;
  uint32_t out_cap, out_head, out_count;
  /* Results owed to the caller: those queued in out plus every probe a thread has taken and not
     yet handed back. A thread takes a probe only while this stays under out_cap, so handing a
     result over never needs room that is not there. */
  uint32_t owed;
  uint32_t running;
  int ended;
  /* Atomics. */
  int control;
  int wake_pending;
  /* Set once at start. */
  int64_t timeout_us;
  int retries;
  int nice;
  uint32_t nthreads;
  loop_t *loops;
  napi_threadsafe_function tsfn;
  int closed; /* close() ran: threads joined, wake-up released (main thread only) */
};

static int64_t now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int is_local_failure(int err) {
  return err == EMFILE || err == ENFILE || err == EADDRNOTAVAIL || err == ENOBUFS ||
         err == ENOMEM || err == EAGAIN;
}

static int control_word(const scan_t *s) { return __atomic_load_n(&s->control, __ATOMIC_SEQ_CST); }

/* ---- waking the caller ---- */

/* At most one wake-up is ever queued: the caller clears the flag when it takes results. */
static void wake(scan_t *s) {
  if (__atomic_exchange_n(&s->wake_pending, 1, __ATOMIC_SEQ_CST) == 0) {
    napi_call_threadsafe_function(s->tsfn, NULL, napi_tsfn_nonblocking);
  }
}

static void call_js(napi_env env, napi_value fn, void *context, void *data) {
  if (env == NULL || fn == NULL) return; /* the environment is shutting down */
  napi_value undefined;
  if (napi_get_undefined(env, &undefined) != napi_ok) return;
  napi_call_function(env, undefined, fn, 0, NULL, NULL);
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

/* ---- the shared queues ---- */

/* Hands the results gathered so far to the caller's queue and wakes it. */
static void flush(loop_t *l) {
  l->last_flush_us = now_us();
  if (l->out_count == 0) return;
  scan_t *s = l->scan;
  pthread_mutex_lock(&s->mu);
  for (uint32_t k = 0; k < l->out_count; k++) {
    s->out[(s->out_head + s->out_count) % s->out_cap] = l->out[k];
    s->out_count++;
  }
  pthread_mutex_unlock(&s->mu);
  l->out_count = 0;
  wake(s);
}

/*
 * Takes the next probes from the shared queue, as many as the results owed allow. Sets
 * source_done when the caller said no more and the queue is empty, starved when there is nothing
 * to take for now; asks the caller for more once the queue is half empty.
 */
static void refill(loop_t *l) {
  scan_t *s = l->scan;
  int ask = 0;
  l->in_pos = l->in_count = 0;
  pthread_mutex_lock(&s->mu);
  uint32_t n = s->in_count < TAKE ? s->in_count : TAKE;
  uint32_t room = s->out_cap - s->owed;
  if (n > room) n = room;
  for (uint32_t k = 0; k < n; k++) l->in[k] = s->in[(s->in_head + k) % IN_CAP];
  s->in_head = (s->in_head + n) % IN_CAP;
  s->in_count -= n;
  s->owed += n;
  if (n == 0 && s->in_count == 0 && s->in_closed) l->source_done = 1;
  l->starved = n == 0 && !l->source_done;
  ask = !s->in_closed && s->in_count < IN_CAP / 2;
  pthread_mutex_unlock(&s->mu);
  l->in_count = n;
  if (ask) wake(s);
}

static void record(loop_t *l, const probe_t *p, int32_t status, int32_t rtt_us) {
  if (l->out_count == LOCAL_OUT) flush(l);
  l->out[l->out_count].id = p->in.id;
  l->out[l->out_count].status = status;
  l->out[l->out_count].rtt_us = rtt_us;
  l->out_count++;
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

/*
 * Whether a socket refused by this probe may carry the next one: only for loopback targets
 * (127.0.0.0/8, ::1), where refusals come back before connect() returns and nothing leaves the
 * machine. A disconnected socket keeps its last sequence number (the next SYN's is that plus a
 * few, not a fresh random one, RFC 6528), which must never be seen on a network; and an IPv6
 * socket once connected to a v4-mapped address stays on the IPv4 path, so those are not kept.
 */
static int reusable_target(const probe_t *p) {
  if (p->in.family == 4) return p->in.addr[0] == 127;
  return IN6_IS_ADDR_LOOPBACK((const struct in6_addr *)p->in.addr);
}

/*
 * An answer (or a final error) for an attempt that left the process. `settled_at_once`: the
 * refusal was read by a second connect(), which leaves the socket unconnected and unbound (Linux
 * disconnects it), so for a loopback target it can carry the next probe of its family: that
 * saves a socket() and a close() per closed port.
 */
static void answered(loop_t *l, int32_t i, int err, int64_t now, int settled_at_once) {
  probe_t *p = &l->probes[i];
  int *spare = &l->spare_fd[p->in.family == 6];
  if (err == 0) {
    /* Close an open port with a reset (SO_LINGER 0): no TIME_WAIT left behind. */
    struct linger lg = {1, 0};
    setsockopt(p->fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
  }
  if (settled_at_once && err == ECONNREFUSED && *spare < 0 && reusable_target(p)) *spare = p->fd;
  else close(p->fd);
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
  if (p->in.family == 6) {
    struct sockaddr_in6 sa;
    memset(&sa, 0, sizeof sa);
    sa.sin6_family = AF_INET6;
    sa.sin6_port = htons(p->in.port);
    memcpy(&sa.sin6_addr, p->in.addr, 16);
    return connect(fd, (struct sockaddr *)&sa, sizeof sa);
  }
  struct sockaddr_in sa;
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_port = htons(p->in.port);
  memcpy(&sa.sin_addr, p->in.addr, 4);
  return connect(fd, (struct sockaddr *)&sa, sizeof sa);
}

/* What connect() says of a socket that cannot start a handshake: not a network answer. */
static int socket_not_ready(int err) {
  return err == EISCONN || err == EALREADY || err == EINVAL || err == EBADF || err == ENOTSOCK;
}

/* Starts one try: in flight afterwards, or already settled (answered, failed, backed off). */
static void launch(loop_t *l, int32_t i, int64_t now) {
  probe_t *p = &l->probes[i];
  /* The clock now, not the caller's: a burst of launches can take milliseconds, which would
     inflate the rtt and shorten the timeout of the later probes in it. */
  p->started_us = now_us();
  int *spare = &l->spare_fd[p->in.family == 6];
  int fd = *spare;
  int rc = -1, err = 0;
  *spare = -1;
  if (fd >= 0) {
    rc = connect_again(p, fd);
    err = rc == 0 ? 0 : errno;
    if (rc != 0 && socket_not_ready(err)) {
      /* The kernel did not take the reused socket: nothing was sent, start afresh. */
      close(fd);
      fd = -1;
    }
  }
  if (fd < 0) {
    int domain = p->in.family == 6 ? AF_INET6 : AF_INET;
    fd = socket(domain, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
      err = errno;
      if (is_local_failure(err)) local_failure(l, i, err, now);
      else {
        record(l, p, -err, -1);
        release(l, i);
      }
      return;
    }
    rc = connect_again(p, fd);
    err = rc == 0 ? 0 : errno;
  }
  p->fd = fd;
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
  answered(l, i, err, now_us(), 1);
}

/* Starts tries while the window, the back-off, the control word and the queue allow. */
static void launch_some(loop_t *l, int64_t now) {
  l->starved = 0;
  while (l->inflight < l->window && now >= l->backoff_until_us &&
         control_word(l->scan) == CONTROL_RUN) {
    int32_t i = retry_pop(l);
    if (i < 0) {
      if (l->in_pos == l->in_count) {
        if (l->source_done) return;
        refill(l);
        if (l->in_count == 0) return;
      }
      if (l->free_count == 0) return; /* cannot happen: in flight + retries <= max window */
      i = l->free_stack[--l->free_count];
      probe_t *p = &l->probes[i];
      p->in = l->in[l->in_pos++];
      p->in.family = p->in.family == 6 ? 6 : 4;
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
    answered(l, (int32_t)i, err, now, 0);
  }
}

/* Every try has the same timeout, so the oldest in flight is the first to expire. */
static void handle_timeouts(loop_t *l, int64_t now) {
  scan_t *s = l->scan;
  while (l->fly_head >= 0) {
    int32_t i = l->fly_head;
    probe_t *p = &l->probes[i];
    if (p->started_us + s->timeout_us > now) return;
    fly_unlink(l, i);
    close(p->fd);
    p->fd = -1;
    if (p->tries < s->retries) {
      p->tries++;
      retry_push_back(l, i);
    } else {
      record(l, p, NO_RESPONSE, -1);
      release(l, i);
    }
  }
}

static int wait_ms(const loop_t *l, int64_t now, int paused) {
  /* Waiting for probes or for the caller to take results: look again soon. */
  if (!paused && l->starved) return 1;
  int64_t until = now + (int64_t)TICK_MS * 1000;
  if (l->fly_head >= 0) {
    int64_t deadline = l->probes[l->fly_head].started_us + l->scan->timeout_us;
    if (deadline < until) until = deadline;
  }
  if (!paused && l->backoff_until_us > now && l->backoff_until_us < until) {
    until = l->backoff_until_us;
  }
  int64_t ms = (until - now + 999) / 1000;
  return ms < 0 ? 0 : (int)ms;
}

/* Nothing in flight and nothing to start: sleep until probes, room or a new control word. */
static void idle(loop_t *l, int64_t now, int paused) {
  scan_t *s = l->scan;
  int64_t until = now + (int64_t)TICK_MS * 1000;
  if (!paused && l->backoff_until_us > now && l->backoff_until_us < until) {
    until = l->backoff_until_us;
  }
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts); /* the condition variable's clock (start()) */
  int64_t ns = (int64_t)ts.tv_nsec + (until - now) * 1000;
  ts.tv_sec += ns / 1000000000;
  ts.tv_nsec = ns % 1000000000;
  pthread_mutex_lock(&s->mu);
  int control = control_word(s);
  int can_take = s->in_count > 0 && s->owed < s->out_cap;
  int finished = s->in_count == 0 && s->in_closed;
  if (control != CONTROL_STOP && (paused ? control == CONTROL_PAUSE : !can_take && !finished)) {
    pthread_cond_timedwait(&s->cv, &s->mu, &ts);
  }
  pthread_mutex_unlock(&s->mu);
}

/* Closes every socket still open and frees everything: safe on every path, and twice. */
static void loop_free(loop_t *l) {
  if (l->probes != NULL) {
    /* Dropped in flight (a stop): with a reset, so a handshake that just completed leaves no
       TIME_WAIT behind. */
    struct linger lg = {1, 0};
    for (uint32_t i = 0; i < l->max_window; i++) {
      if (l->probes[i].fd < 0) continue;
      setsockopt(l->probes[i].fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
      close(l->probes[i].fd);
    }
  }
  if (l->epfd >= 0) close(l->epfd);
  l->epfd = -1;
  for (int f = 0; f < 2; f++) {
    if (l->spare_fd[f] >= 0) close(l->spare_fd[f]);
    l->spare_fd[f] = -1;
  }
  free(l->probes);
  free(l->free_stack);
  free(l->events);
  l->probes = NULL;
  l->free_stack = NULL;
  l->events = NULL;
}

/* Allocates one thread's loop; returns 0 or an errno. */
static int loop_init(loop_t *l, scan_t *s, uint32_t window) {
  memset(l, 0, sizeof *l);
  l->scan = s;
  l->epfd = -1;
  l->spare_fd[0] = l->spare_fd[1] = -1;
  l->max_window = l->window = window;
  l->fly_head = l->fly_tail = l->retry_head = l->retry_tail = -1;
  l->probes = calloc(window, sizeof *l->probes);
  l->free_stack = calloc(window, sizeof *l->free_stack);
  l->events = calloc(MAX_EVENTS, sizeof *l->events);
  if (l->probes == NULL || l->free_stack == NULL || l->events == NULL) return ENOMEM;
  /* Every slot says "no socket" before anything can fail: loop_free must never close(0). */
  for (uint32_t i = 0; i < window; i++) {
    l->probes[i].fd = -1;
    l->probes[i].prev = l->probes[i].next = -1;
    /* Lowest index on top, so few slots are touched when the window is small. */
    l->free_stack[i] = (int32_t)(window - 1 - i);
  }
  l->free_count = window;
  l->epfd = epoll_create1(EPOLL_CLOEXEC);
  return l->epfd < 0 ? errno : 0;
}

static void run(loop_t *l) {
  scan_t *s = l->scan;
  l->last_flush_us = now_us();
  for (;;) {
    int control = control_word(s);
    if (control == CONTROL_STOP) return;
    int paused = control == CONTROL_PAUSE;
    int64_t now = now_us();
    if (!paused) launch_some(l, now);
    if (l->source_done && l->inflight == 0 && l->retry_head < 0) return;
    if (((paused || l->starved) && l->out_count > 0) ||
        now - l->last_flush_us >= (int64_t)TICK_MS * 1000) {
      flush(l);
    }
    if (l->inflight == 0 && (paused || (l->starved && l->retry_head < 0))) {
      idle(l, now, paused);
      continue;
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

static void *thread_main(void *arg) {
  loop_t *l = arg;
  scan_t *s = l->scan;
  /* Probing yields to the caller's thread (the app's main process commits results and answers
     the window). On Linux the nice value is per thread, so this lowers only this thread. */
  if (s->nice > 0) setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), s->nice);
  run(l);
  /* Stopped or done: what was answered is handed over; what was in flight is dropped. */
  flush(l);
  loop_free(l);
  pthread_mutex_lock(&s->mu);
  s->running--;
  if (s->running == 0) s->ended = 1;
  int last = s->ended;
  pthread_mutex_unlock(&s->mu);
  if (last) {
    /* The caller must hear of the end even if a wake-up is already queued (it reads `ended`
       after clearing the flag), so the usual wake() is enough. */
    wake(s);
  }
  return NULL;
}

/* ---- the scan's life ---- */

/* Stops the threads, waits for them, and lets go of the wake-up. Idempotent; main thread only. */
static void close_scan(scan_t *s) {
  if (s->closed) return;
  s->closed = 1;
  __atomic_store_n(&s->control, CONTROL_STOP, __ATOMIC_SEQ_CST);
  pthread_mutex_lock(&s->mu);
  pthread_cond_broadcast(&s->cv);
  pthread_mutex_unlock(&s->mu);
  /* Each thread sees the stop within a tick (50 ms) and closes its sockets. */
  for (uint32_t t = 0; t < s->nthreads; t++) {
    if (s->loops[t].started) pthread_join(s->loops[t].thread, NULL);
    loop_free(&s->loops[t]);
  }
  if (s->tsfn != NULL) napi_release_threadsafe_function(s->tsfn, napi_tsfn_release);
  s->tsfn = NULL;
}

/* The environment is going away (process exit, worker end): no thread may outlive it. */
static void cleanup_hook(void *arg) { close_scan(arg); }

static void free_scan(scan_t *s) {
  free(s->out);
  free(s->loops);
  pthread_cond_destroy(&s->cv);
  pthread_mutex_destroy(&s->mu);
  free(s);
}

static void finalize_scan(napi_env env, void *data, void *hint) {
  scan_t *s = data;
  napi_remove_env_cleanup_hook(env, cleanup_hook, s);
  close_scan(s);
  free_scan(s);
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

static scan_t *scan_arg(napi_env env, napi_value v) {
  napi_valuetype t;
  void *data = NULL;
  if (napi_typeof(env, v, &t) != napi_ok || t != napi_external ||
      napi_get_value_external(env, v, &data) != napi_ok || data == NULL) {
    napi_throw_type_error(env, NULL, "expected a scan handle from start()");
    return NULL;
  }
  return data;
}

/*
 * The arguments of a call on a running scan: exactly `want` of them into argv, the first being
 * the handle. Returns the scan, or NULL with a TypeError thrown.
 */
static scan_t *scan_call(napi_env env, napi_callback_info info, size_t want, napi_value *argv,
                         const char *what) {
  size_t argc = want;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < want) {
    char message[64];
    snprintf(message, sizeof message, "%s: expected %zu arguments", what, want);
    napi_throw_type_error(env, NULL, message);
    return NULL;
  }
  return scan_arg(env, argv[0]);
}

static napi_value make_int(napi_env env, int32_t v) {
  napi_value r;
  napi_create_int32(env, v, &r);
  return r;
}

static void throw_errno(napi_env env, int err, const char *what) {
  const char *code = err == EMFILE ? "EMFILE" : err == ENFILE ? "ENFILE" : err == EAGAIN ? "EAGAIN"
                                                                                        : "ENOMEM";
  napi_throw_error(env, code, what);
}

/*
 * start(threads, window, timeoutMs, retries, nice, onWake): handle
 *
 * Starts `threads` probing threads sharing `window` sockets in flight. onWake() is called on this
 * thread when results are waiting, when the probe queue wants more (see poll's info), or when the
 * scan has ended; it is called at most once per poll().
 */
static napi_value start(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value argv[6];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 6) {
    napi_throw_type_error(env, NULL, "start: expected 6 arguments");
    return NULL;
  }
  int32_t threads, window, timeout_ms, retries, nice;
  napi_valuetype fn_type;
  if (napi_get_value_int32(env, argv[0], &threads) != napi_ok ||
      napi_get_value_int32(env, argv[1], &window) != napi_ok ||
      napi_get_value_int32(env, argv[2], &timeout_ms) != napi_ok ||
      napi_get_value_int32(env, argv[3], &retries) != napi_ok ||
      napi_get_value_int32(env, argv[4], &nice) != napi_ok || threads < 1 ||
      threads > MAX_THREADS || window < 1 || timeout_ms < 1 || retries < 0 || nice < 0 ||
      nice > 19) {
    napi_throw_range_error(env, NULL,
                           "start: threads (1-16), window, timeoutMs must be positive; retries "
                           "and nice (0-19) not negative");
    return NULL;
  }
  if (napi_typeof(env, argv[5], &fn_type) != napi_ok || fn_type != napi_function) {
    napi_throw_type_error(env, NULL, "start: onWake must be a function");
    return NULL;
  }
  if (window > MAX_WINDOW) window = MAX_WINDOW;
  if (threads > window) threads = window;

  scan_t *s = calloc(1, sizeof *s);
  if (s == NULL) {
    throw_errno(env, ENOMEM, "start: out of memory");
    return NULL;
  }
  pthread_mutex_init(&s->mu, NULL);
  /* Timed waits on the monotonic clock: a jump of the wall clock must not stretch them. */
  pthread_condattr_t cv_attr;
  pthread_condattr_init(&cv_attr);
  pthread_condattr_setclock(&cv_attr, CLOCK_MONOTONIC);
  pthread_cond_init(&s->cv, &cv_attr);
  pthread_condattr_destroy(&cv_attr);
  s->timeout_us = (int64_t)timeout_ms * 1000;
  s->retries = retries;
  s->nice = nice;
  s->out_cap = (uint32_t)window + OUT_SLACK;
  s->out = calloc(s->out_cap, sizeof *s->out);
  s->loops = calloc((size_t)threads, sizeof *s->loops);
  s->nthreads = (uint32_t)threads;
  int err = s->out == NULL || s->loops == NULL ? ENOMEM : 0;
  /* Rounded down: the threads together never exceed the window the caller's budget allows. */
  uint32_t share = (uint32_t)window / (uint32_t)threads;
  for (uint32_t t = 0; t < s->nthreads; t++) {
    s->loops[t].epfd = -1;
    s->loops[t].spare_fd[0] = s->loops[t].spare_fd[1] = -1;
  }
  for (uint32_t t = 0; err == 0 && t < s->nthreads; t++) {
    err = loop_init(&s->loops[t], s, share);
  }
  napi_value name;
  if (err == 0 && (napi_create_string_utf8(env, "porthole_prober", NAPI_AUTO_LENGTH, &name) !=
                       napi_ok ||
                   napi_create_threadsafe_function(env, argv[5], NULL, name, 0, 1, NULL, NULL,
                                                   NULL, call_js, &s->tsfn) != napi_ok)) {
    err = ENOMEM;
  }
  if (err != 0) {
    s->closed = 1;
    for (uint32_t t = 0; s->loops != NULL && t < s->nthreads; t++) loop_free(&s->loops[t]);
    if (s->tsfn != NULL) napi_release_threadsafe_function(s->tsfn, napi_tsfn_abort);
    free_scan(s);
    throw_errno(env, err, "start: cannot set up the probing threads");
    return NULL;
  }
  napi_value handle;
  if (napi_create_external(env, s, finalize_scan, NULL, &handle) != napi_ok) {
    s->closed = 1;
    for (uint32_t t = 0; t < s->nthreads; t++) loop_free(&s->loops[t]);
    napi_release_threadsafe_function(s->tsfn, napi_tsfn_abort);
    free_scan(s);
    throw_errno(env, ENOMEM, "start: out of memory");
    return NULL;
  }
  /* Registered after the wake-up, so it runs before the wake-up's own clean-up at exit. */
  napi_add_env_cleanup_hook(env, cleanup_hook, s);
  s->running = s->nthreads;
  for (uint32_t t = 0; t < s->nthreads; t++) {
    if (pthread_create(&s->loops[t].thread, NULL, thread_main, &s->loops[t]) == 0) {
      s->loops[t].started = 1;
      continue;
    }
    /* A thread that cannot start took no work: the others probe its share. */
    loop_free(&s->loops[t]);
    pthread_mutex_lock(&s->mu);
    s->running--;
    pthread_mutex_unlock(&s->mu);
  }
  if (s->running == 0) {
    /* The handle's finalizer frees the scan. */
    close_scan(s);
    throw_errno(env, EAGAIN, "start: cannot start a probing thread");
    return NULL;
  }
  return handle;
}

/*
 * feed(handle, family: Uint8Array, addr: Uint8Array (16 bytes a probe), port: Uint16Array,
 *      id: Float64Array, count): how many of the first `count` probes were queued (the rest wait
 *      for room; poll's info says how much there is).
 */
static napi_value feed(napi_env env, napi_callback_info info) {
  napi_value argv[6];
  scan_t *s = scan_call(env, info, 6, argv, "feed");
  if (s == NULL) return NULL;
  void *family, *addr, *port, *id;
  size_t n_family, n_addr, n_port, n_id;
  int32_t count;
  if (!typed_array(env, argv[1], napi_uint8_array, &family, &n_family) ||
      !typed_array(env, argv[2], napi_uint8_array, &addr, &n_addr) ||
      !typed_array(env, argv[3], napi_uint16_array, &port, &n_port) ||
      !typed_array(env, argv[4], napi_float64_array, &id, &n_id) ||
      napi_get_value_int32(env, argv[5], &count) != napi_ok || count < 0 ||
      (size_t)count > n_family || (size_t)count > n_port || (size_t)count > n_id ||
      (size_t)count > n_addr / 16) {
    napi_throw_type_error(env, NULL, "feed: arrays of the wrong type, or shorter than count");
    return NULL;
  }
  pthread_mutex_lock(&s->mu);
  uint32_t room = s->in_closed || s->closed ? 0 : IN_CAP - s->in_count;
  uint32_t n = (uint32_t)count < room ? (uint32_t)count : room;
  for (uint32_t k = 0; k < n; k++) {
    probe_in_t *p = &s->in[(s->in_head + s->in_count) % IN_CAP];
    p->family = ((const uint8_t *)family)[k] == 6 ? 6 : 4;
    memcpy(p->addr, (const uint8_t *)addr + (size_t)k * 16, 16);
    p->port = ((const uint16_t *)port)[k];
    p->id = ((const double *)id)[k];
    s->in_count++;
  }
  if (n > 0) pthread_cond_broadcast(&s->cv);
  pthread_mutex_unlock(&s->mu);
  return make_int(env, (int32_t)n);
}

/* end(handle): no more probes will be fed; the threads end once the queue is done. */
static napi_value end(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  scan_t *s = scan_call(env, info, 1, argv, "end");
  if (s == NULL) return NULL;
  pthread_mutex_lock(&s->mu);
  s->in_closed = 1;
  pthread_cond_broadcast(&s->cv);
  pthread_mutex_unlock(&s->mu);
  return NULL;
}

/*
 * poll(handle, outId: Float64Array, outStatus: Int32Array, outRttUs: Int32Array, info: Int32Array):
 * how many results were copied out (at most outId.length). info[0] is how many probes feed() would
 * take now; info[1] is 1 once every thread has ended and every result has been taken.
 */
static napi_value poll_results(napi_env env, napi_callback_info info) {
  napi_value argv[5];
  scan_t *s = scan_call(env, info, 5, argv, "poll");
  if (s == NULL) return NULL;
  void *out_id, *out_status, *out_rtt, *state;
  size_t n_id, n_status, n_rtt, n_state;
  if (!typed_array(env, argv[1], napi_float64_array, &out_id, &n_id) ||
      !typed_array(env, argv[2], napi_int32_array, &out_status, &n_status) ||
      !typed_array(env, argv[3], napi_int32_array, &out_rtt, &n_rtt) ||
      !typed_array(env, argv[4], napi_int32_array, &state, &n_state) || n_status < n_id ||
      n_rtt < n_id || n_state < 2 || n_id > UINT32_MAX) {
    napi_throw_type_error(env, NULL, "poll: arrays of the wrong type or size");
    return NULL;
  }
  /* Cleared before looking: a thread that hands results over after this wakes the caller again. */
  __atomic_store_n(&s->wake_pending, 0, __ATOMIC_SEQ_CST);
  pthread_mutex_lock(&s->mu);
  uint32_t n = s->out_count < (uint32_t)n_id ? s->out_count : (uint32_t)n_id;
  for (uint32_t k = 0; k < n; k++) {
    const result_t *r = &s->out[(s->out_head + k) % s->out_cap];
    ((double *)out_id)[k] = r->id;
    ((int32_t *)out_status)[k] = r->status;
    ((int32_t *)out_rtt)[k] = r->rtt_us;
  }
  s->out_head = (s->out_head + n) % s->out_cap;
  s->out_count -= n;
  s->owed -= n;
  ((int32_t *)state)[0] = s->in_closed || s->closed ? 0 : (int32_t)(IN_CAP - s->in_count);
  ((int32_t *)state)[1] = (s->ended || s->closed) && s->out_count == 0;
  if (n > 0) pthread_cond_broadcast(&s->cv);
  pthread_mutex_unlock(&s->mu);
  return make_int(env, (int32_t)n);
}

/* control(handle, CONTROL_RUN | CONTROL_PAUSE | CONTROL_STOP): a stop is final. */
static napi_value control(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  int32_t value;
  scan_t *s = scan_call(env, info, 2, argv, "control");
  if (s == NULL) return NULL;
  if (napi_get_value_int32(env, argv[1], &value) != napi_ok || value < CONTROL_RUN ||
      value > CONTROL_STOP) {
    napi_throw_range_error(env, NULL, "control: expected 0 (run), 1 (pause) or 2 (stop)");
    return NULL;
  }
  pthread_mutex_lock(&s->mu);
  if (__atomic_load_n(&s->control, __ATOMIC_SEQ_CST) != CONTROL_STOP) {
    __atomic_store_n(&s->control, value, __ATOMIC_SEQ_CST);
  }
  pthread_cond_broadcast(&s->cv);
  pthread_mutex_unlock(&s->mu);
  return NULL;
}

/*
 * close(handle): stops the threads if they still run (what is in flight is dropped), waits for
 * them (at most a tick), and lets the process exit. Results not yet polled are kept for poll().
 */
static napi_value close_handle(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  scan_t *s = scan_call(env, info, 1, argv, "close");
  if (s == NULL) return NULL;
  close_scan(s);
  napi_remove_env_cleanup_hook(env, cleanup_hook, s);
  return NULL;
}

NAPI_MODULE_INIT() {
  static const struct {
    const char *name;
    napi_callback fn;
  } fns[] = {{"start", start}, {"feed", feed},       {"end", end},
             {"poll", poll_results}, {"control", control}, {"close", close_handle}};
  for (size_t k = 0; k < sizeof fns / sizeof fns[0]; k++) {
    napi_value fn;
    if (napi_create_function(env, fns[k].name, NAPI_AUTO_LENGTH, fns[k].fn, NULL, &fn) !=
            napi_ok ||
        napi_set_named_property(env, exports, fns[k].name, fn) != napi_ok) {
      return NULL;
    }
  }
  return exports;
}
