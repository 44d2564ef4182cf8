# syntax=docker/dockerfile:1
# Multi-stage: build TypeScript with dev dependencies, run the compiled
# service with production dependencies only, as a non-root user.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
# postinstall runs `prisma generate` (offline: TypeScript client engine).
RUN npm ci
COPY . .
RUN npm run build && npm run build:web

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/generated ./generated
# Demo fixtures are JSON read next to the compiled loaders; the web client is
# served from web/dist beside the compiled api/ (dist/api -> dist/web/dist).
COPY fixtures ./dist/fixtures
COPY --from=build /app/web/dist ./dist/web/dist
USER node
EXPOSE 3000
# `start` migrates the database as DATABASE_ADMIN_URL (creating the owner and
# application roles), loads demo data when empty (DEMO_DATA=never to skip),
# then runs the API and WORKER_COUNT workers as DATABASE_URL (portcullis_app). Set WORKER_COUNT=0 for
# an API-only container and run `node dist/workers/main.js` for workers (they
# need DATABASE_URL only; give them the node flags and MALLOC_* settings that
# start.js gives its children, cli/service-process-env.ts, as docker-compose.yml does). Migrations alone: `node dist/cli/migrate.js`.
# `node` directly, not `npm start`: the image has no dev tools to build the client.
CMD ["node", "dist/cli/start.js"]
