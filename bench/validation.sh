#!/usr/bin/env bash
# Validations per second, Paraphe's validator against plain EU DSS, over the same corpus in the same JVM.
# Usage: bench/validation.sh [seconds] [paraphe-only]   (from the project root; compiles main and test classes first)
#        bench/validation.sh ROUNDS per-document   CPU ms per validation, document by document, Paraphe / plain DSS
# JAVA_OPTS is passed to the JVM, e.g. JAVA_OPTS=-XX:StartFlightRecording=filename=target/validation.jfr
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
CP="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
exec java -Xmx1g ${JAVA_OPTS:-} -cp "$CP" bench/ValidationBenchmark.java "${1:-20}" ${2:-}
