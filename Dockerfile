# One image for every role: `honeydipper operator`, `honeydipper driver <type>`, `honeydipper local`, ...
# The packaging issue hardens this further (chiseled runtime, trimming); this stage already builds the one executable.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
RUN dotnet publish src/Honeydipper.Cli/Honeydipper.Cli.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
USER app
ENTRYPOINT ["dotnet", "/app/honeydipper.dll"]
