/** Path parameters captured by a route pattern such as `/channels/:type/:id/query`. */
export type RouteParams = Record<string, string>;

interface Route<Handler> {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: Handler;
}

/** What {@link Router.match} found: the handler and the decoded path parameters. */
export interface RouteMatch<Handler> {
  handler: Handler;
  params: RouteParams;
}

/**
 * A minimal method + path router for the emulators. They serve a few dozen fixed paths, so a
 * linear scan over compiled patterns is plenty and keeps the testkit free of a framework.
 */
export class Router<Handler> {
  private readonly routes: Route<Handler>[] = [];

  /** Registers `handler` for `method` and a pattern whose `:name` segments become params. */
  add(method: string, path: string, handler: Handler): this {
    const names: string[] = [];
    const source = path
      .split('/')
      .map((segment) => {
        if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(segment.slice(1));
        return '([^/]+)';
      })
      .join('/');
    this.routes.push({ method, pattern: new RegExp(`^${source}/?$`), names, handler });
    return this;
  }

  /** Finds the route for a request, or `undefined` when none matches. */
  match(method: string, pathname: string): RouteMatch<Handler> | undefined {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const found = route.pattern.exec(pathname);
      if (!found) continue;
      const params: RouteParams = {};
      try {
        route.names.forEach((name, index) => {
          params[name] = decodeURIComponent(found[index + 1] ?? '');
        });
      } catch {
        // A malformed %-escape names nothing that exists: treat it as no match, not a crash.
        return undefined;
      }
      return { handler: route.handler, params };
    }
    return undefined;
  }
}
