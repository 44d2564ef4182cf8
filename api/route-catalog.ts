// The app's routes as Express holds them, with the guard policy of each:
// the access-control matrix test and the API docs read this, so a route
// added without a guard, or without docs, is noticed.
import type { Express } from "express";
import type { Policy } from "./middleware/guard.js";

export interface RouteInfo {
  method: string;
  path: string;
  /** undefined when the route has no guard: a defect the matrix test reports. */
  policy: Policy | undefined;
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean>; stack: { handle: { policy?: Policy } }[] };
  handle: { stack?: Layer[] };
}

export function listRoutes(app: Express): RouteInfo[] {
  const routes: RouteInfo[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const policy = layer.route.stack.map((s) => s.handle.policy).find((p) => p !== undefined);
        for (const method of Object.keys(layer.route.methods)) routes.push({ method: method.toUpperCase(), path: layer.route.path, policy });
      } else if (layer.handle.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return routes;
}
