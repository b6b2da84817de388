{{/* Chart name, truncated to the 63 characters a DNS label allows. */}}
{{- define "netswarm.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Resource name prefix: <release>-<chart>, or the release name when it already contains the chart name. */}}
{{- define "netswarm.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* The headless Service: its name resolves to every peer pod and gives each a stable DNS name. */}}
{{- define "netswarm.peersService" -}}
{{- printf "%s-peers" (include "netswarm.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "netswarm.labels" -}}
app.kubernetes.io/name: {{ include "netswarm.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{ include "netswarm.commonLabels" . }}
{{- end }}

{{/* Labels besides the selector ones (pod templates add their selector labels to these). */}}
{{- define "netswarm.commonLabels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: netswarm
{{- end }}

{{/* Selector of the peer pods (never changes across upgrades: StatefulSet selectors are immutable). */}}
{{- define "netswarm.peerSelector" -}}
app.kubernetes.io/name: {{ include "netswarm.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: peer
{{- end }}

{{- define "netswarm.consoleSelector" -}}
app.kubernetes.io/name: {{ include "netswarm.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: console
{{- end }}

{{- define "netswarm.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{- define "netswarm.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "netswarm.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "netswarm.tokenSecret" -}}
{{- default (printf "%s-api-token" (include "netswarm.fullname" .)) .Values.auth.existingSecret }}
{{- end }}

{{/*
Bootstrap addresses of the DHT (NETSWARM_DHT_BOOTSTRAP).
headless: the headless Service's name, which resolves to every peer pod, ready or not
(publishNotReadyAddresses), so peers find each other while none is ready yet (podManagementPolicy
Parallel) and it keeps working at any replica count. The DHT resolves it at start and skips itself.
ordinals: a fixed list of the first pods' stable names, as CockroachDB's --join does. It is not
derived from .Values.replicas on purpose: scaling would change every pod's environment and roll
the whole swarm.
*/}}
{{- define "netswarm.bootstrap" -}}
{{- $svc := include "netswarm.peersService" . }}
{{- $suffix := printf "%s.%s.svc.%s" $svc .Release.Namespace .Values.clusterDomain }}
{{- $list := list }}
{{- if eq .Values.bootstrap.mode "ordinals" }}
{{- range $i := until (int .Values.bootstrap.ordinals) }}
{{- $list = append $list (printf "%s-%d.%s:%v" (include "netswarm.fullname" $) $i $suffix $.Values.ports.dht) }}
{{- end }}
{{- else }}
{{- $list = append $list (printf "%s:%v" $suffix .Values.ports.dht) }}
{{- end }}
{{- concat $list .Values.bootstrap.extra | join "," }}
{{- end }}

{{/* Environment shared by the four peer containers: downward API first, so $(POD_IP) expands. */}}
{{- define "netswarm.commonEnv" -}}
- name: POD_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: POD_IP
  valueFrom:
    fieldRef:
      fieldPath: status.podIP
- name: NETSWARM_LOG_LEVEL
  value: {{ .Values.logLevel | quote }}
{{- if .Values.tracing.otlpEndpoint }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ .Values.tracing.otlpEndpoint | quote }}
- name: OTEL_TRACES_SAMPLER_ARG
  value: {{ .Values.tracing.sampleRatio | quote }}
- name: OTEL_RESOURCE_ATTRIBUTES
  value: "k8s.pod.name=$(POD_NAME),k8s.namespace.name={{ .Release.Namespace }}"
{{- end }}
{{- end }}

{{/* Hardened container settings (every container). */}}
{{- define "netswarm.containerSecurity" -}}
securityContext:
  allowPrivilegeEscalation: false
  readOnlyRootFilesystem: true
  runAsNonRoot: true
  capabilities:
    drop: [ALL]
{{- end }}

{{/* Whether to render the ServiceMonitor: forced on/off, or "auto" = when the operator's CRD exists. */}}
{{- define "netswarm.serviceMonitorEnabled" -}}
{{- $v := .Values.metrics.serviceMonitor.enabled }}
{{- if or (eq (toString $v) "true") (and (eq (toString $v) "auto") (.Capabilities.APIVersions.Has "monitoring.coreos.com/v1")) }}true{{ end }}
{{- end }}

{{/* Secret holding the private swarm's key file: the named existing one or the chart's own. */}}
{{- define "netswarm.swarmKeySecret" -}}
{{- default (printf "%s-swarm-key" (include "netswarm.fullname" .)) .Values.privateSwarm.existingSecret }}
{{- end }}

{{/* Where dht and transfer find the swarm key file (a read-only Secret volume). */}}
{{- define "netswarm.swarmKeyDir" -}}
/var/lib/netswarm-swarm
{{- end }}
