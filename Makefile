# Build targets for `sam build` (template.yaml: BuildMethod makefile, CodeUri/ContentUri "."):
# sam runs `make build-<LogicalId>` with ARTIFACTS_DIR set to that resource's output folder.
# Each function's artifact is its own jar only, under lib/ (Lambda puts /var/task/lib/*.jar on
# the classpath); everything it shares with the others ships once, in SharedLayer's java/lib
# (Lambda unpacks it to /opt/java/lib). samconfig.toml builds in the source tree, one target at
# a time, so the Maven reactor's target/ folders are reused instead of a copy of the repository
# per function.
#
# Needs a JDK >= 21 (found by scripts/java-home.sh even when the default java is older).

SHELL := /bin/bash
MVN := . scripts/java-home.sh && ./mvnw -B -q -ntp -DskipTests

define build_function
	@test -n "$(ARTIFACTS_DIR)" || { echo "ARTIFACTS_DIR is not set; run this through sam build" >&2; exit 1; }
	$(MVN) -pl functions/$(1) -am package
	rm -rf "$(ARTIFACTS_DIR)/lib" && mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp functions/$(1)/target/boxoffice-$(1)-*.jar "$(ARTIFACTS_DIR)/lib/"
endef

.PHONY: build-SharedLayer build-CheckoutFunction build-StripeWebhookFunction build-ScannerValidateFunction \
	build-ProcessEmailQueueFunction build-ProcessWebhookRetriesFunction build-DetectScanAnomaliesFunction \
	build-ScanAnomaliesApiFunction

build-SharedLayer:
	@test -n "$(ARTIFACTS_DIR)" || { echo "ARTIFACTS_DIR is not set; run this through sam build" >&2; exit 1; }
	rm -rf "$(ARTIFACTS_DIR)/java/lib" && mkdir -p "$(ARTIFACTS_DIR)/java/lib"
	$(MVN) -pl layers/shared -am package -Dlayer.lib.dir="$(ARTIFACTS_DIR)/java/lib"
	find layers/shared/target -maxdepth 1 -name 'boxoffice-shared-*.jar' ! -name '*-tests.jar' \
		-exec cp {} "$(ARTIFACTS_DIR)/java/lib/" \;

build-CheckoutFunction:
	$(call build_function,checkout)

build-StripeWebhookFunction:
	$(call build_function,stripe-webhook)

build-ScannerValidateFunction:
	$(call build_function,scanner-validate)

build-ProcessEmailQueueFunction:
	$(call build_function,process-email-queue)

build-ProcessWebhookRetriesFunction:
	$(call build_function,process-webhook-retries)

build-DetectScanAnomaliesFunction:
	$(call build_function,detect-scan-anomalies)

build-ScanAnomaliesApiFunction:
	$(call build_function,scan-anomalies-api)
