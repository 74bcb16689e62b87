import { lazy, type ComponentType } from 'react';

/**
 * A view loaded as its own chunk, with a way to load it ahead of time. Once loaded it renders
 * directly: a React.lazy component always suspends on its first render, and React then holds the
 * page on the fallback for a while (about 300 ms) before showing the view, even when its code was
 * already there.
 */
export function preloadable<P extends object>(load: () => Promise<ComponentType<P>>) {
  let loaded: ComponentType<P> | null = null;
  const remember = () =>
    load().then((component) => {
      loaded = component;
      return component;
    });
  const Lazy = lazy(() => remember().then((component) => ({ default: component })));
  function View(props: P) {
    const Loaded = loaded;
    return Loaded ? <Loaded {...props} /> : <Lazy {...props} />;
  }
  return { View, preload: remember };
}
