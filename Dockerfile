# syntax=docker/dockerfile:1
# Build: docker build -t vigil .
# Run:   docker run -p 8080:8080 -v vigil-data:/data vigil

# The admin SPA, built with Node; Vite writes it to target/classes/static/admin (see admin-ui/vite.config.ts).
FROM node:20-bookworm-slim AS ui
WORKDIR /src/admin-ui
COPY admin-ui/package.json admin-ui/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY admin-ui/ ./
RUN npm run build

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -ntp dependency:go-offline
COPY src/ src/
COPY --from=ui /src/target/classes/static/ target/classes/static/
# The SPA is already built above (this image has no Node): Maven only packages it.
RUN ./mvnw -B -ntp -DskipTests -Dskip.ui=true package \
 && java -Djarmode=tools -jar target/vigil.jar extract --layers --launcher --destination /extracted

FROM eclipse-temurin:25-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && groupadd --system vigil && useradd --system --gid vigil --home-dir /app --shell /usr/sbin/nologin vigil \
 && mkdir -p /data && chown vigil:vigil /data
WORKDIR /app
# One layer per rate of change: dependencies rarely, application code often.
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
ENV VIGIL_DATA_DIR=/data \
    SERVER_PORT=8080
VOLUME /data
EXPOSE 8080
USER vigil
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
  CMD curl -fsS http://localhost:8080/api/health || exit 1
# Options here, not in JAVA_TOOL_OPTIONS (which the JVM announces on stderr at every start); native access for
# sqlite-jdbc's library, which `java -jar` would take from the jar's manifest but this launch does not read.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "--enable-native-access=ALL-UNNAMED", "org.springframework.boot.loader.launch.JarLauncher"]
