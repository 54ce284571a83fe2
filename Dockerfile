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
ENTRYPOINT ["java", "--add-opens=java.base/java.nio=ALL-UNNAMED", "-jar", "/app/amiconnect.jar"]
CMD ["--help"]
