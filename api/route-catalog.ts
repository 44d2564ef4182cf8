// The app's routes as Express holds them, with the guard policy of each:
// the access-control matrix test and the API docs read this, so a route
// added without a guard, or without docs, is noticed.
import type { Express } from "express";
import type { Policy } from "./middleware/guard.js";
import { routeDocsOf, routeKey, type RouteDoc } from "./openapi/describe-route.js";

export interface RouteInfo {
  method: string;
  path: string;
  /** undefined when the route has no guard: a defect the matrix test reports. */
  policy: Policy | undefined;
  /** The OpenAPI description registered next to the route (undefined: not documented). */
  doc: RouteDoc | undefined;
}

/**
 * A third-party app mounted whole (the queue dashboard): its inner routes are
 * not walked, the entry it declares stands for all of them, and its guard is
 * the one at the mount.
 */
export interface MountedApp {
  catalog: { method: string; path: string; policy: Policy; doc: RouteDoc };
  /** Its inner routes, for the API document only (the access matrix calls the catalog entry). */
  innerRoutes?: RouteInfo[];
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean>; stack: { handle: { policy?: Policy } }[] };
  handle: { stack?: Layer[]; catalog?: MountedApp["catalog"]; innerRoutes?: RouteInfo[] };
}

/** `withInnerRoutes`: also the inner routes mounted apps declare (the API document lists them). */
export function listRoutes(app: Express, { withInnerRoutes = false } = {}): RouteInfo[] {
  const routes: RouteInfo[] = [];
  const walk = (stack: Layer[], docs: ReadonlyMap<string, RouteDoc> | undefined) => {
    for (const layer of stack) {
      if (layer.route) {
        const policy = layer.route.stack.map((s) => s.handle.policy).find((p) => p !== undefined);
        for (const method of Object.keys(layer.route.methods)) {
          const upper = method.toUpperCase();
          routes.push({ method: upper, path: layer.route.path, policy, doc: docs?.get(routeKey(upper, layer.route.path)) });
        }
      } else if (layer.handle.catalog) {
        routes.push({ ...layer.handle.catalog });
        if (withInnerRoutes) routes.push(...(layer.handle.innerRoutes ?? []));
      } else if (layer.handle.stack) {
        walk(layer.handle.stack, routeDocsOf(layer.handle) ?? docs);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, undefined);
  return routes;
}
