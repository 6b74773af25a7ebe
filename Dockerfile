# syntax=docker/dockerfile:1
# One image for both roles: `docker run jobfeed api` or `docker run jobfeed worker`.

FROM node:20.19-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY config ./config
COPY src ./src
COPY workers ./workers
RUN npm run build

FROM node:20.19-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
# The recruiter and publisher pages' scripts and the pages' stylesheet are served as they are in the source tree.
COPY --from=build /app/src/recruiter-page/recruiters.js ./src/recruiter-page/recruiters.js
COPY --from=build /app/src/publisher-page/publishers.js ./src/publisher-page/publishers.js
COPY --from=build /app/src/web/account-page.js ./src/web/account-page.js
COPY --from=build /app/src/web/stats-view.js ./src/web/stats-view.js
COPY --from=build /app/src/web/pages.css ./src/web/pages.css
USER node
# 3000: the API; 9464: a worker's /metrics (WORKER_METRICS_PORT)
EXPOSE 3000 9464
ENTRYPOINT ["node", "dist/src/cli/index.js"]
CMD ["api"]
