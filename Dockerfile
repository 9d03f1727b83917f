# syntax=docker/dockerfile:1
# Production image of the Linq GraphQL gateway.
#   docker build -t linq-graphql-gateway .
#   docker run --rm -p 4000:4000 linq-graphql-gateway          # embedded sandbox (demo data)
# Stage 1 builds with the dev dependencies and packs what `npm pack` ships ("files" in
# package.json); stage 2 installs the production dependencies only, from the lockfile.
# test/deploy/production-install.test.ts performs these same steps without Docker.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json schema.graphql README.md ./
COPY src ./src
# prepack compiles (tsc) into dist/; the tarball holds exactly the runtime files.
RUN npm pack --pack-destination /tmp \
 && mkdir /out \
 && tar -xzf /tmp/linq-graphql-gateway-*.tgz -C /out --strip-components=1

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=4000 \
    NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app
COPY --from=build /out/package.json ./
COPY package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /out/ ./
# The image's own user (uid 1000 in the node images), not root.
USER node
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Exec form: node is PID 1 and gets SIGTERM itself (it drains, then exits 0).
STOPSIGNAL SIGTERM
CMD ["node", "dist/src/server.js"]
