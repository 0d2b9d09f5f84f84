# Build targets for `sam build` (template.yaml: BuildMethod makefile, CodeUri/ContentUri "."):
# sam runs `make build-<LogicalId>` with ARTIFACTS_DIR set to that resource's output folder.
# Each function's artifact is its own jar only, under lib/ (Lambda puts /var/task/lib/*.jar on
# the classpath); its libraries ship in layers (Lambda unpacks each to /opt/java/lib): SharedLayer
# with what every function loads, and the extra layers QueuesLayer, StripeLayer, QrLayer and
# MailLayer with what only some load (layers/shared/pom.xml says which jars; docs/architecture.md
# "Layers" says which function lists which). samconfig.toml builds in the source tree, one target at
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

.PHONY: build-SharedLayer build-QueuesLayer build-StripeLayer build-QrLayer build-MailLayer build-PushLayer build-CheckoutFunction build-StripeWebhookFunction build-ScannerValidateFunction \
	build-ProcessEmailQueueFunction build-ProcessWebhookRetriesFunction build-ProcessTableStreamFunction build-OrganizerOrdersFunction \
	build-ProcessAnalyticsStreamFunction build-RecountAnalyticsFunction build-AnalyticsApiFunction build-DevicesFunction \
	build-ProcessPushQueueFunction \
	build-OrganizerFunction build-CatalogFunction \
	build-DetectScanAnomaliesFunction build-ScanAnomaliesApiFunction

build-SharedLayer:
	@test -n "$(ARTIFACTS_DIR)" || { echo "ARTIFACTS_DIR is not set; run this through sam build" >&2; exit 1; }
	rm -rf "$(ARTIFACTS_DIR)/java/lib" && mkdir -p "$(ARTIFACTS_DIR)/java/lib"
	$(MVN) -pl layers/shared -am package -Dlayer.lib.dir="$(ARTIFACTS_DIR)/java/lib"
	find layers/shared/target -maxdepth 1 -name 'boxoffice-shared-*.jar' ! -name '*-tests.jar' \
		-exec cp {} "$(ARTIFACTS_DIR)/java/lib/" \;

# An extra layer: only the jars layers/shared/pom.xml lists under layer.$(1).artifacts.
define build_extra_layer
	@test -n "$(ARTIFACTS_DIR)" || { echo "ARTIFACTS_DIR is not set; run this through sam build" >&2; exit 1; }
	rm -rf "$(ARTIFACTS_DIR)/java/lib" && mkdir -p "$(ARTIFACTS_DIR)/java/lib"
	$(MVN) -pl layers/shared -am package -Dlayer=$(1) -Dlayer.lib.dir="$(ARTIFACTS_DIR)/java/lib"
endef

build-QueuesLayer:
	$(call build_extra_layer,queues)

build-StripeLayer:
	$(call build_extra_layer,stripe)

build-QrLayer:
	$(call build_extra_layer,qr)

build-MailLayer:
	$(call build_extra_layer,mail)

build-PushLayer:
	$(call build_extra_layer,push)

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

build-ProcessTableStreamFunction:
	$(call build_function,process-table-stream)

build-OrganizerOrdersFunction:
	$(call build_function,organizer-orders)

build-ProcessAnalyticsStreamFunction:
	$(call build_function,process-analytics-stream)

build-RecountAnalyticsFunction:
	$(call build_function,recount-analytics)

build-AnalyticsApiFunction:
	$(call build_function,analytics-api)

build-DevicesFunction:
	$(call build_function,devices)

build-ProcessPushQueueFunction:
	$(call build_function,process-push-queue)

build-OrganizerFunction:
	$(call build_function,organizer)

build-CatalogFunction:
	$(call build_function,catalog)

build-DetectScanAnomaliesFunction:
	$(call build_function,detect-scan-anomalies)

build-ScanAnomaliesApiFunction:
	$(call build_function,scan-anomalies-api)
