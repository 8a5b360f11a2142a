# syntax=docker/dockerfile:1
# One image for every role: `honeydipper operator` (the Helm chart's Deployment), `honeydipper driver <type>` (the
# Deployments the operator makes for built-in Drivers) and `honeydipper local`. `make docker-build` builds it.

# Build on the build machine's own platform and cross-publish for the target one: no emulation for arm64 images.
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
ARG TARGETARCH
WORKDIR /src
# What the build reads: the shared MSBuild settings, the pinned SDK, and the projects under src/ (the executable's
# project references every one it needs there; tests/ is left out by .dockerignore).
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
# ReadyToRun: precompiled code, so the operator and driver pods start without waiting for the JIT.
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet publish src/Honeydipper.Cli/Honeydipper.Cli.csproj --nologo -c Release -a "$TARGETARCH" --self-contained false \
      -p:PublishReadyToRun=true -o /app

# Ubuntu chiseled ASP.NET Core runtime: no shell, no package manager, a non-root user. The "extra" variant carries
# tzdata, which time zones in cron schedules need.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra
LABEL org.opencontainers.image.title="honeydipper" \
      org.opencontainers.image.description="Honeydipper Operator: the operator, the built-in drivers and local mode in one executable" \
      org.opencontainers.image.licenses="MIT"
WORKDIR /app
COPY --link --from=build /app ./
# The image's unprivileged user (uid 1654), by number, so that runAsNonRoot can verify it.
USER $APP_UID
# 8080: a webhook driver; 8081: the operator's /healthz, /readyz and /metrics.
EXPOSE 8080 8081
ENTRYPOINT ["/app/honeydipper"]
