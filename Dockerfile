# The Partnergraph API. Front-end assets come from npm (web/package-lock.json),
# Go modules from the module proxy; the result is one static binary.
FROM node:20-bookworm-slim AS web
WORKDIR /src/web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
COPY --from=web /src/web/node_modules web/node_modules
RUN ./scripts/vendor-assets.sh && CGO_ENABLED=0 go build -trimpath -o /partnergraph ./server

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /partnergraph /partnergraph
ENV PARTNERGRAPH_ADDR=:8080
EXPOSE 8080
ENTRYPOINT ["/partnergraph"]
