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
# Extracted as a plain jar with its libraries beside it (no --launcher): the JVM's AOT cache only covers
# classes loaded from the class path, not from jars nested in the Spring Boot jar.
RUN ./mvnw -B -ntp -DskipTests -Dskip.ui=true package \
 && java -Djarmode=tools -jar target/vigil.jar extract --layers --destination /extracted

FROM eclipse-temurin:25-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && groupadd --system vigil && useradd --system --gid vigil --home-dir /app --shell /usr/sbin/nologin vigil \
 && mkdir -p /data && chown vigil:vigil /data
WORKDIR /app
# One layer per rate of change: dependencies rarely, application code often.
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
# AOT cache (JEP 483/514/515): a training run with this image's JVM and class path starts the application
# up to the refreshed context (all singletons created, nothing started) and exits; the JVM stores the
# classes it loaded and linked, and their profiles, in vigil.aot. Starts then take about half the time
# (docs/benchmarks.md). Its data directory is thrown away: the image ships no database, key or admin.
# Rebuilt with the image, as the cache is only valid for this exact jar set and JVM.
RUN java -XX:AOTCacheOutput=vigil.aot -Dspring.context.exit=onRefresh -jar vigil.jar \
      --vigil.storage.data-dir=/tmp/training > /tmp/training.log 2>&1 \
      || (cat /tmp/training.log; exit 1) \
 && rm -rf /tmp/training /tmp/training.log
ENV VIGIL_DATA_DIR=/data \
    SERVER_PORT=8080
VOLUME /data
EXPOSE 8080
USER vigil
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
  CMD curl -fsS http://localhost:8080/api/health || exit 1
# Options here, not in JAVA_TOOL_OPTIONS (which the JVM announces on stderr at every start). Native access for
# sqlite-jdbc's library comes from vigil.jar's manifest (Enable-Native-Access); giving it here as well would
# differ from the training run, and the JVM would then not use the cache's archived module graph.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:AOTCache=vigil.aot", "-jar", "vigil.jar"]
