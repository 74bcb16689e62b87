{
  # The native prober is Linux only (epoll). Elsewhere the target builds nothing, so `npm ci`
  # still succeeds and the engine falls back to its JavaScript prober.
  'targets': [
    {
      'target_name': 'porthole_prober',
      'conditions': [
        ['OS=="linux"', {
          'sources': ['prober.c'],
          'defines': ['NAPI_VERSION=8'],
          'cflags': ['-std=gnu11', '-O2', '-Wall', '-Wextra', '-Wno-unused-parameter'],
        }, {
          'type': 'none',
        }],
      ],
    },
  ],
}
