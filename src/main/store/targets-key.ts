/**
 * The targets of a request as a set: "10.0.0.1, host.example" and "HOST.example 10.0.0.1" are the
 * same targets for "what changed since the previous scan".
 */
export const targetsKey = (targets: string): string =>
  [
    ...new Set(
      targets
        .toLowerCase()
        .split(/[\s,]+/)
        .filter(Boolean),
    ),
  ]
    .sort()
    .join(' ');
