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
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/generated ./generated
# Demo fixtures are JSON read next to the compiled loaders.
COPY fixtures ./dist/fixtures
USER node
EXPOSE 3000
# `start` migrates the database, loads demo data when empty (DEMO_DATA=never
# to skip), then runs the API and WORKER_COUNT workers. Set WORKER_COUNT=0 for
# an API-only container and run `node dist/workers/main.js` for workers.
CMD ["node", "dist/cli/start.js"]
