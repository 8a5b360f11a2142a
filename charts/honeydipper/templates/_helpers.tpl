{{/* The release's base name: the release name, unless it already contains the chart's name. */}}
{{- define "honeydipper.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 50 | trimSuffix "-" -}}
{{- else if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "honeydipper.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "honeydipper.operatorSelector" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: operator
{{- end -}}

{{- define "honeydipper.redisSelector" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: redis
{{- end -}}

{{- define "honeydipper.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (printf "%s-operator" (include "honeydipper.fullname" .)) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "honeydipper.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/* host:port of the bundled Redis (its Service, by the namespace-qualified name driver pods in other namespaces resolve) or of the external one. */}}
{{- define "honeydipper.redisAddress" -}}
{{- if .Values.redis.enabled -}}
{{- printf "%s-redis.%s.svc:6379" (include "honeydipper.fullname" .) .Release.Namespace -}}
{{- else -}}
{{- required "redis.external.address (host:port) is required when redis.enabled is false" .Values.redis.external.address -}}
{{- end -}}
{{- end -}}

{{/* The StackExchange.Redis configuration the operator and driver pods connect with. */}}
{{- define "honeydipper.redisConnection" -}}
{{- include "honeydipper.redisAddress" . -}}
{{- if and (not .Values.redis.enabled) .Values.redis.external.tls -}},ssl=true{{- end -}}
{{- end -}}

{{/* The Secret (name and key) holding the Redis password; empty when Redis takes none. */}}
{{- define "honeydipper.redisSecretName" -}}
{{- if .Values.redis.enabled -}}{{ .Values.redis.auth.existingSecret }}{{- else -}}{{ .Values.redis.external.passwordSecret.name }}{{- end -}}
{{- end -}}

{{- define "honeydipper.redisSecretKey" -}}
{{- if .Values.redis.enabled -}}{{ .Values.redis.auth.key }}{{- else -}}{{ .Values.redis.external.passwordSecret.key }}{{- end -}}
{{- end -}}
