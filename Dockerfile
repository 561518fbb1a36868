# DVT Bench: the simulation server, dashboard and report renderer in one image.
# Build: docker build -t dvt-bench .    Run: docker compose -f deploy/docker-compose.yml up
FROM node:20-bookworm-slim

# Chromium renders the PDF reports; python3/make/g++ build better-sqlite3 against Node's headers.
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY . .

# pnpm 12.4.2, the dependencies (better-sqlite3 compiled against the image's Node headers) and the build of the
# CLI and the web app. (scripts/setup.mjs does the same on a workstation, plus the test-only Debian packages.)
ENV npm_config_nodedir=/usr/local CI=true
RUN npm install --global --save-exact pnpm@12.4.2 \
 && pnpm install --frozen-lockfile \
 && node scripts/build.mjs

ENV NODE_ENV=production \
    DVT__INSTRUMENTS__SIMULATOR__HOST=0.0.0.0 \
    DVT__DASHBOARD__HOST=0.0.0.0
VOLUME ["/app/data"]
EXPOSE 5000 5001 5002 5003 5004 5005 5009 8080

# Binding beyond loopback requires DVT__DASHBOARD__TOKEN (≥ 16 characters) for the dashboard.
CMD ["node", "apps/cli/bin/dvt.mjs", "serve", "--host", "0.0.0.0"]
