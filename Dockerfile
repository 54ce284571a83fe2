# The amiconnect command in a container: build with Maven, run on a JRE.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -Dmaven.test.skip=true package

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/cli/target/amiconnect.jar /app/amiconnect.jar
COPY --from=build /src/cli/target/lib /app/lib
# config.yaml and secrets.yaml are mounted at run time (docker-compose.yml), never baked into the image
RUN mkdir -p /app/config
# A 1 GiB heap (the JVM would take a quarter of the container's or host's RAM and let garbage fill it) that G1 keeps
# near what is live (up to 20 % GC time before it grows, shrunk to 30 % free after each marking); RocksDB and DuckDB
# are bounded apart (docs/operations.md, "Memory"). Change it with -e JAVA_TOOL_OPTIONS=-Xmx2g. Two glibc malloc
# arenas keep the native threads' memory from fragmenting into one arena each.
ENV JAVA_TOOL_OPTIONS="-Xmx1g -XX:GCTimeRatio=4 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30" MALLOC_ARENA_MAX=2
ENTRYPOINT ["java", "--add-opens=java.base/java.nio=ALL-UNNAMED", "-jar", "/app/amiconnect.jar"]
CMD ["--help"]
