import type { Route } from './route-target.js';

// The routes in force, newest last: the newest decides where Vonage-host requests go, and undoing
// it uncovers the one before (decision 090). One list per copy of the module, so the routing layers
// (node:http, the fetch dispatcher, the socket guard) always agree.
const routes: Route[] = [];

/** The route in force, or `undefined` when nothing is routed (every layer then passes through). */
export function activeRoute(): Route | undefined {
  return routes.at(-1);
}

/** Adds a route on top; returns whether it is the first one (the layers must be installed). */
export function pushRoute(route: Route): boolean {
  routes.push(route);
  return routes.length === 1;
}

/** Removes a route wherever it is; returns whether none is left (the layers may be removed). */
export function removeRoute(route: Route): boolean {
  const index = routes.lastIndexOf(route);
  if (index !== -1) routes.splice(index, 1);
  return routes.length === 0;
}
