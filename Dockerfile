# Multi-stage build for the two MediaBib processes. One image, two entry points:
#   web:  docker run … mediabib            (default)
#   sip2: docker run … mediabib sip2
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig ./
COPY MediaBib.Domain/MediaBib.Domain.csproj MediaBib.Domain/
COPY MediaBib.Infrastructure/MediaBib.Infrastructure.csproj MediaBib.Infrastructure/
COPY MediaBib.Web/MediaBib.Web.csproj MediaBib.Web/
COPY MediaBib.Sip2/MediaBib.Sip2.csproj MediaBib.Sip2/
RUN dotnet restore MediaBib.Web/MediaBib.Web.csproj && dotnet restore MediaBib.Sip2/MediaBib.Sip2.csproj
COPY MediaBib.Domain/ MediaBib.Domain/
COPY MediaBib.Infrastructure/ MediaBib.Infrastructure/
COPY MediaBib.Web/ MediaBib.Web/
COPY MediaBib.Sip2/ MediaBib.Sip2/
RUN dotnet publish MediaBib.Web/MediaBib.Web.csproj -c Release --no-restore -o /out/web \
 && dotnet publish MediaBib.Sip2/MediaBib.Sip2.csproj -c Release --no-restore -o /out/sip2

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
RUN apt-get update && apt-get install -y --no-install-recommends libfontconfig1 fonts-dejavu-core libyaz5 curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /out/web ./web
COPY --from=build /out/sip2 ./sip2
COPY deploy/entrypoint.sh /entrypoint.sh
RUN chmod +x /entrypoint.sh && useradd --system --uid 10001 mediabib && mkdir -p /app/logs /app/keys && chown -R mediabib /app
USER mediabib
ENV ASPNETCORE_URLS=http://+:8080 Logging__Directory=/app/logs
EXPOSE 8080 6001
ENTRYPOINT ["/entrypoint.sh"]
CMD ["web"]
