// The protobuf messages kubectl's typed clients send, as field tables: field number → JSON name,
// type and flags. Facts from k8s.io/api and k8s.io/apimachinery v0.33.9 (the generated.proto
// of core/v1, apps/v1, batch/v1, policy/v1, authorization/v1, authentication/v1 and meta/v1),
// with each Go field's pointer and omitempty tags for what an unset value means. Status
// messages are left out: clients do not write status through create or update bodies.
// Types: a scalar, a special message mapped to its JSON form (quantity, intOrString, time), a
// message of this table, or `map:V`. Flags: r repeated, k keep a zero value (a Go pointer or a
// field without omitempty, which JSON would carry), i inline (its fields join the parent's).
export type SpecialType = 'string' | 'int32' | 'int64' | 'bool' | 'bytes' | 'quantity' | 'intOrString' | 'time';
export type FieldType = SpecialType | `map:${'string' | 'bytes' | 'quantity'}` | MessageName;
export type FieldSpec = readonly [name: string, type: FieldType, flags?: string];
export type MessageSchema = Readonly<Record<number, FieldSpec>>;

export type MessageName =
  | 'apps.v1.Deployment'
  | 'apps.v1.DeploymentSpec'
  | 'apps.v1.DeploymentStrategy'
  | 'apps.v1.RollingUpdateDeployment'
  | 'authentication.v1.SelfSubjectReview'
  | 'authorization.v1.FieldSelectorAttributes'
  | 'authorization.v1.LabelSelectorAttributes'
  | 'authorization.v1.NonResourceAttributes'
  | 'authorization.v1.ResourceAttributes'
  | 'authorization.v1.SelfSubjectAccessReview'
  | 'authorization.v1.SelfSubjectAccessReviewSpec'
  | 'batch.v1.CronJob'
  | 'batch.v1.CronJobSpec'
  | 'batch.v1.Job'
  | 'batch.v1.JobSpec'
  | 'batch.v1.JobTemplateSpec'
  | 'batch.v1.PodFailurePolicy'
  | 'batch.v1.PodFailurePolicyOnExitCodesRequirement'
  | 'batch.v1.PodFailurePolicyOnPodConditionsPattern'
  | 'batch.v1.PodFailurePolicyRule'
  | 'batch.v1.SuccessPolicy'
  | 'batch.v1.SuccessPolicyRule'
  | 'core.v1.AWSElasticBlockStoreVolumeSource'
  | 'core.v1.Affinity'
  | 'core.v1.AppArmorProfile'
  | 'core.v1.AzureDiskVolumeSource'
  | 'core.v1.AzureFileVolumeSource'
  | 'core.v1.CSIVolumeSource'
  | 'core.v1.Capabilities'
  | 'core.v1.CephFSVolumeSource'
  | 'core.v1.CinderVolumeSource'
  | 'core.v1.ClientIPConfig'
  | 'core.v1.ClusterTrustBundleProjection'
  | 'core.v1.ConfigMap'
  | 'core.v1.ConfigMapEnvSource'
  | 'core.v1.ConfigMapKeySelector'
  | 'core.v1.ConfigMapProjection'
  | 'core.v1.ConfigMapVolumeSource'
  | 'core.v1.Container'
  | 'core.v1.ContainerPort'
  | 'core.v1.ContainerResizePolicy'
  | 'core.v1.DownwardAPIProjection'
  | 'core.v1.DownwardAPIVolumeFile'
  | 'core.v1.DownwardAPIVolumeSource'
  | 'core.v1.EmptyDirVolumeSource'
  | 'core.v1.EnvFromSource'
  | 'core.v1.EnvVar'
  | 'core.v1.EnvVarSource'
  | 'core.v1.EphemeralContainer'
  | 'core.v1.EphemeralContainerCommon'
  | 'core.v1.EphemeralVolumeSource'
  | 'core.v1.ExecAction'
  | 'core.v1.FCVolumeSource'
  | 'core.v1.FlexVolumeSource'
  | 'core.v1.FlockerVolumeSource'
  | 'core.v1.GCEPersistentDiskVolumeSource'
  | 'core.v1.GRPCAction'
  | 'core.v1.GitRepoVolumeSource'
  | 'core.v1.GlusterfsVolumeSource'
  | 'core.v1.HTTPGetAction'
  | 'core.v1.HTTPHeader'
  | 'core.v1.HostAlias'
  | 'core.v1.HostPathVolumeSource'
  | 'core.v1.ISCSIVolumeSource'
  | 'core.v1.ImageVolumeSource'
  | 'core.v1.KeyToPath'
  | 'core.v1.Lifecycle'
  | 'core.v1.LifecycleHandler'
  | 'core.v1.LocalObjectReference'
  | 'core.v1.NFSVolumeSource'
  | 'core.v1.Namespace'
  | 'core.v1.NamespaceSpec'
  | 'core.v1.NodeAffinity'
  | 'core.v1.NodeSelector'
  | 'core.v1.NodeSelectorRequirement'
  | 'core.v1.NodeSelectorTerm'
  | 'core.v1.ObjectFieldSelector'
  | 'core.v1.PersistentVolumeClaimSpec'
  | 'core.v1.PersistentVolumeClaimTemplate'
  | 'core.v1.PersistentVolumeClaimVolumeSource'
  | 'core.v1.PhotonPersistentDiskVolumeSource'
  | 'core.v1.Pod'
  | 'core.v1.PodAffinity'
  | 'core.v1.PodAffinityTerm'
  | 'core.v1.PodAntiAffinity'
  | 'core.v1.PodDNSConfig'
  | 'core.v1.PodDNSConfigOption'
  | 'core.v1.PodOS'
  | 'core.v1.PodReadinessGate'
  | 'core.v1.PodResourceClaim'
  | 'core.v1.PodSchedulingGate'
  | 'core.v1.PodSecurityContext'
  | 'core.v1.PodSpec'
  | 'core.v1.PodTemplateSpec'
  | 'core.v1.PortworxVolumeSource'
  | 'core.v1.PreferredSchedulingTerm'
  | 'core.v1.Probe'
  | 'core.v1.ProbeHandler'
  | 'core.v1.ProjectedVolumeSource'
  | 'core.v1.QuobyteVolumeSource'
  | 'core.v1.RBDVolumeSource'
  | 'core.v1.ResourceClaim'
  | 'core.v1.ResourceFieldSelector'
  | 'core.v1.ResourceRequirements'
  | 'core.v1.SELinuxOptions'
  | 'core.v1.ScaleIOVolumeSource'
  | 'core.v1.SeccompProfile'
  | 'core.v1.Secret'
  | 'core.v1.SecretEnvSource'
  | 'core.v1.SecretKeySelector'
  | 'core.v1.SecretProjection'
  | 'core.v1.SecretVolumeSource'
  | 'core.v1.SecurityContext'
  | 'core.v1.Service'
  | 'core.v1.ServiceAccountTokenProjection'
  | 'core.v1.ServicePort'
  | 'core.v1.ServiceSpec'
  | 'core.v1.SessionAffinityConfig'
  | 'core.v1.SleepAction'
  | 'core.v1.StorageOSVolumeSource'
  | 'core.v1.Sysctl'
  | 'core.v1.TCPSocketAction'
  | 'core.v1.Toleration'
  | 'core.v1.TopologySpreadConstraint'
  | 'core.v1.TypedLocalObjectReference'
  | 'core.v1.TypedObjectReference'
  | 'core.v1.Volume'
  | 'core.v1.VolumeDevice'
  | 'core.v1.VolumeMount'
  | 'core.v1.VolumeProjection'
  | 'core.v1.VolumeResourceRequirements'
  | 'core.v1.VolumeSource'
  | 'core.v1.VsphereVirtualDiskVolumeSource'
  | 'core.v1.WeightedPodAffinityTerm'
  | 'core.v1.WindowsSecurityContextOptions'
  | 'meta.v1.DeleteOptions'
  | 'meta.v1.FieldSelectorRequirement'
  | 'meta.v1.LabelSelector'
  | 'meta.v1.LabelSelectorRequirement'
  | 'meta.v1.ObjectMeta'
  | 'meta.v1.OwnerReference'
  | 'meta.v1.Preconditions'
  | 'policy.v1.Eviction';

export const MESSAGES: Readonly<Record<MessageName, MessageSchema>> = {
  'apps.v1.Deployment': {
    1: ['metadata', 'meta.v1.ObjectMeta'],
    2: ['spec', 'apps.v1.DeploymentSpec'],
  },
  'apps.v1.DeploymentSpec': {
    1: ['replicas', 'int32', 'k'],
    2: ['selector', 'meta.v1.LabelSelector', 'k'],
    3: ['template', 'core.v1.PodTemplateSpec', 'k'],
    4: ['strategy', 'apps.v1.DeploymentStrategy'],
    5: ['minReadySeconds', 'int32'],
    6: ['revisionHistoryLimit', 'int32', 'k'],
    7: ['paused', 'bool'],
    9: ['progressDeadlineSeconds', 'int32', 'k'],
  },
  'apps.v1.DeploymentStrategy': {
    1: ['type', 'string'],
    2: ['rollingUpdate', 'apps.v1.RollingUpdateDeployment', 'k'],
  },
  'apps.v1.RollingUpdateDeployment': {
    1: ['maxUnavailable', 'intOrString', 'k'],
    2: ['maxSurge', 'intOrString', 'k'],
  },
  'authentication.v1.SelfSubjectReview': {
    1: ['metadata', 'meta.v1.ObjectMeta'],
  },
  'authorization.v1.FieldSelectorAttributes': {
    1: ['rawSelector', 'string'],
    2: ['requirements', 'meta.v1.FieldSelectorRequirement', 'r'],
  },
  'authorization.v1.LabelSelectorAttributes': {
    1: ['rawSelector', 'string'],
    2: ['requirements', 'meta.v1.LabelSelectorRequirement', 'r'],
  },
  'authorization.v1.NonResourceAttributes': {
    1: ['path', 'string'],
    2: ['verb', 'string'],
  },
  'authorization.v1.ResourceAttributes': {
    1: ['namespace', 'string'],
    2: ['verb', 'string'],
    3: ['group', 'string'],
    4: ['version', 'string'],
    5: ['resource', 'string'],
    6: ['subresource', 'string'],
    7: ['name', 'string'],
    8: ['fieldSelector', 'authorization.v1.FieldSelectorAttributes', 'k'],
    9: ['labelSelector', 'authorization.v1.LabelSelectorAttributes', 'k'],
  },
  'authorization.v1.SelfSubjectAccessReview': {
    1: ['metadata', 'meta.v1.ObjectMeta'],
    2: ['spec', 'authorization.v1.SelfSubjectAccessReviewSpec', 'k'],
  },
  'authorization.v1.SelfSubjectAccessReviewSpec': {
    1: ['resourceAttributes', 'authorization.v1.ResourceAttributes', 'k'],
    2: ['nonResourceAttributes', 'authorization.v1.NonResourceAttributes', 'k'],
  },
  'batch.v1.CronJob': {
    1: ['metadata', 'meta.v1.ObjectMeta'],
    2: ['spec', 'batch.v1.CronJobSpec'],
  },
  'batch.v1.CronJobSpec': {
    1: ['schedule', 'string', 'k'],
    8: ['timeZone', 'string', 'k'],
    2: ['startingDeadlineSeconds', 'int64', 'k'],
    3: ['concurrencyPolicy', 'string'],
    4: ['suspend', 'bool', 'k'],
    5: ['jobTemplate', 'batch.v1.JobTemplateSpec', 'k'],
    6: ['successfulJobsHistoryLimit', 'int32', 'k'],
    7: ['failedJobsHistoryLimit', 'int32', 'k'],
  },
  'batch.v1.Job': {
    1: ['metadata', 'meta.v1.ObjectMeta'],
    2: ['spec', 'batch.v1.JobSpec'],
  },
  'batch.v1.JobSpec': {
    1: ['parallelism', 'int32', 'k'],
    2: ['completions', 'int32', 'k'],
    3: ['activeDeadlineSeconds', 'int64', 'k'],
    11: ['podFailurePolicy', 'batch.v1.PodFailurePolicy', 'k'],
    16: ['successPolicy', 'batch.v1.SuccessPolicy', 'k'],
    7: ['backoffLimit', 'int32', 'k'],
    12: ['backoffLimitPerIndex', 'int32', 'k'],
    13: ['maxFailedIndexes', 'int32', 'k'],
    4: ['selector', 'meta.v1.LabelSelector', 'k'],
    5: ['manualSelector', 'bool', 'k'],
    6: ['template', 'core.v1.PodTemplateSpec', 'k'],
    8: ['ttlSecondsAfterFinished', 'int32', 'k'],
    9: ['completionMode', 'string', 'k'],
    10: ['suspend', 'bool', 'k'],
    14: ['podReplacementPolicy', 'string', 'k'],
    15: ['managedBy', 'string', 'k'],
  },
  'batch.v1.JobTemplateSpec': {
    1: ['metadata', 'meta.v1.ObjectMeta'],
    2: ['spec', 'batch.v1.JobSpec'],
  },
  'batch.v1.PodFailurePolicy': {
    1: ['rules', 'batch.v1.PodFailurePolicyRule', 'rk'],
  },
  'batch.v1.PodFailurePolicyOnExitCodesRequirement': {
    1: ['containerName', 'string', 'k'],
    2: ['operator', 'string', 'k'],
    3: ['values', 'int32', 'rk'],
  },
  'batch.v1.PodFailurePolicyOnPodConditionsPattern': {
    1: ['type', 'string', 'k'],
    2: ['status', 'string', 'k'],
  },
  'batch.v1.PodFailurePolicyRule': {
    1: ['action', 'string', 'k'],
    2: ['onExitCodes', 'batch.v1.PodFailurePolicyOnExitCodesRequirement', 'k'],
    3: ['onPodConditions', 'batch.v1.PodFailurePolicyOnPodConditionsPattern', 'r'],
  },
  'batch.v1.SuccessPolicy': {
    1: ['rules', 'batch.v1.SuccessPolicyRule', 'rk'],
  },
  'batch.v1.SuccessPolicyRule': {
    1: ['succeededIndexes', 'string', 'k'],
    2: ['succeededCount', 'int32', 'k'],
  },
  'core.v1.AWSElasticBlockStoreVolumeSource': {
    1: ['volumeID', 'string', 'k'],
    2: ['fsType', 'string'],
    3: ['partition', 'int32'],
    4: ['readOnly', 'bool'],
  },
  'core.v1.Affinity': {
    1: ['nodeAffinity', 'core.v1.NodeAffinity', 'k'],
    2: ['podAffinity', 'core.v1.PodAffinity', 'k'],
    3: ['podAntiAffinity', 'core.v1.PodAntiAffinity', 'k'],
  },
  'core.v1.AppArmorProfile': {
    1: ['type', 'string', 'k'],
    2: ['localhostProfile', 'string', 'k'],
  },
  'core.v1.AzureDiskVolumeSource': {
    1: ['diskName', 'string', 'k'],
    2: ['diskURI', 'string', 'k'],
    3: ['cachingMode', 'string', 'k'],
    4: ['fsType', 'string', 'k'],
    5: ['readOnly', 'bool', 'k'],
    6: ['kind', 'string', 'k'],
  },
  'core.v1.AzureFileVolumeSource': {
    1: ['secretName', 'string', 'k'],
    2: ['shareName', 'string', 'k'],
    3: ['readOnly', 'bool'],
  },
  'core.v1.CSIVolumeSource': {
    1: ['driver', 'string', 'k'],
    2: ['readOnly', 'bool', 'k'],
    3: ['fsType', 'string', 'k'],
    4: ['volumeAttributes', 'map:string'],
    5: ['nodePublishSecretRef', 'core.v1.LocalObjectReference', 'k'],
  },
  'core.v1.Capabilities': {
    1: ['add', 'string', 'r'],
    2: ['drop', 'string', 'r'],
  },
  'core.v1.CephFSVolumeSource': {
    1: ['monitors', 'string', 'rk'],
    2: ['path', 'string'],
    3: ['user', 'string'],
    4: ['secretFile', 'string'],
    5: ['secretRef', 'core.v1.LocalObjectReference', 'k'],
    6: ['readOnly', 'bool'],
  },
  'core.v1.CinderVolumeSource': {
    1: ['volumeID', 'string', 'k'],
    2: ['fsType', 'string'],
    3: ['readOnly', 'bool'],
    4: ['secretRef', 'core.v1.LocalObjectReference', 'k'],
  },
  'core.v1.ClusterTrustBundleProjection': {
    1: ['name', 'string', 'k'],
    2: ['signerName', 'string', 'k'],
    3: ['labelSelector', 'meta.v1.LabelSelector', 'k'],
    5: ['optional', 'bool', 'k'],
    4: ['path', 'string', 'k'],
  },
  'core.v1.ConfigMap': {
    1: ['metadata', 'meta.v1.ObjectMeta'],
    4: ['immutable', 'bool', 'k'],
    2: ['data', 'map:string'],
    3: ['binaryData', 'map:bytes'],
  },
  'core.v1.ConfigMapEnvSource': {
    1: ['localObjectReference', 'core.v1.LocalObjectReference', 'ki'],
    2: ['optional', 'bool', 'k'],
  },
  'core.v1.ConfigMapKeySelector': {
    1: ['localObjectReference', 'core.v1.LocalObjectReference', 'ki'],
    2: ['key', 'string', 'k'],
    3: ['optional', 'bool', 'k'],
  },
  'core.v1.ConfigMapProjection': {
    1: ['localObjectReference', 'core.v1.LocalObjectReference', 'ki'],
    2: ['items', 'core.v1.KeyToPath', 'r'],
    4: ['optional', 'bool', 'k'],
  },
  'core.v1.ConfigMapVolumeSource': {
    1: ['localObjectReference', 'core.v1.LocalObjectReference', 'ki'],
    2: ['items', 'core.v1.KeyToPath', 'r'],
    3: ['defaultMode', 'int32', 'k'],
    4: ['optional', 'bool', 'k'],
  },
  'core.v1.Container': {
    1: ['name', 'string', 'k'],
    2: ['image', 'string'],
    3: ['command', 'string', 'r'],
    4: ['args', 'string', 'r'],
    5: ['workingDir', 'string'],
    6: ['ports', 'core.v1.ContainerPort', 'r'],
    19: ['envFrom', 'core.v1.EnvFromSource', 'r'],
    7: ['env', 'core.v1.EnvVar', 'r'],
    8: ['resources', 'core.v1.ResourceRequirements'],
    23: ['resizePolicy', 'core.v1.ContainerResizePolicy', 'r'],
    24: ['restartPolicy', 'string', 'k'],
    9: ['volumeMounts', 'core.v1.VolumeMount', 'r'],
    21: ['volumeDevices', 'core.v1.VolumeDevice', 'r'],
    10: ['livenessProbe', 'core.v1.Probe', 'k'],
    11: ['readinessProbe', 'core.v1.Probe', 'k'],
    22: ['startupProbe', 'core.v1.Probe', 'k'],
    12: ['lifecycle', 'core.v1.Lifecycle', 'k'],
    13: ['terminationMessagePath', 'string'],
    20: ['terminationMessagePolicy', 'string'],
    14: ['imagePullPolicy', 'string'],
    15: ['securityContext', 'core.v1.SecurityContext', 'k'],
    16: ['stdin', 'bool'],
    17: ['stdinOnce', 'bool'],
    18: ['tty', 'bool'],
  },
  'core.v1.ContainerPort': {
    1: ['name', 'string'],
    2: ['hostPort', 'int32'],
    3: ['containerPort', 'int32', 'k'],
    4: ['protocol', 'string'],
    5: ['hostIP', 'string'],
  },
  'core.v1.ContainerResizePolicy': {
    1: ['resourceName', 'string', 'k'],
    2: ['restartPolicy', 'string', 'k'],
  },
  'core.v1.DownwardAPIProjection': {
    1: ['items', 'core.v1.DownwardAPIVolumeFile', 'r'],
  },
  'core.v1.DownwardAPIVolumeFile': {
    1: ['path', 'string', 'k'],
    2: ['fieldRef', 'core.v1.ObjectFieldSelector', 'k'],
    3: ['resourceFieldRef', 'core.v1.ResourceFieldSelector', 'k'],
    4: ['mode', 'int32', 'k'],
  },
  'core.v1.DownwardAPIVolumeSource': {
    1: ['items', 'core.v1.DownwardAPIVolumeFile', 'r'],
    2: ['defaultMode', 'int32', 'k'],
  },
  'core.v1.EmptyDirVolumeSource': {
    1: ['medium', 'string'],
    2: ['sizeLimit', 'quantity', 'k'],
  },
  'core.v1.EnvFromSource': {
    1: ['prefix', 'string'],
    2: ['configMapRef', 'core.v1.ConfigMapEnvSource', 'k'],
    3: ['secretRef', 'core.v1.SecretEnvSource', 'k'],
  },
  'core.v1.EnvVar': {
    1: ['name', 'string', 'k'],
    2: ['value', 'string'],
    3: ['valueFrom', 'core.v1.EnvVarSource', 'k'],
  },
  'core.v1.EnvVarSource': {
    1: ['fieldRef', 'core.v1.ObjectFieldSelector', 'k'],
    2: ['resourceFieldRef', 'core.v1.ResourceFieldSelector', 'k'],
    3: ['configMapKeyRef', 'core.v1.ConfigMapKeySelector', 'k'],
    4: ['secretKeyRef', 'core.v1.SecretKeySelector', 'k'],
  },
  'core.v1.EphemeralContainer': {
    1: ['ephemeralContainerCommon', 'core.v1.EphemeralContainerCommon', 'ki'],
    2: ['targetContainerName', 'string'],
  },
  'core.v1.EphemeralContainerCommon': {
    1: ['name', 'string', 'k'],
    2: ['image', 'string'],
    3: ['command', 'string', 'r'],
    4: ['args', 'string', 'r'],
    5: ['workingDir', 'string'],
    6: ['ports', 'core.v1.ContainerPort', 'r'],
    19: ['envFrom', 'core.v1.EnvFromSource', 'r'],
    7: ['env', 'core.v1.EnvVar', 'r'],
    8: ['resources', 'core.v1.ResourceRequirements'],
    23: ['resizePolicy', 'core.v1.ContainerResizePolicy', 'r'],
    24: ['restartPolicy', 'string', 'k'],
    9: ['volumeMounts', 'core.v1.VolumeMount', 'r'],
    21: ['volumeDevices', 'core.v1.VolumeDevice', 'r'],
    10: ['livenessProbe', 'core.v1.Probe', 'k'],
    11: ['readinessProbe', 'core.v1.Probe', 'k'],
    22: ['startupProbe', 'core.v1.Probe', 'k'],
    12: ['lifecycle', 'core.v1.Lifecycle', 'k'],
    13: ['terminationMessagePath', 'string'],
    20: ['terminationMessagePolicy', 'string'],
    14: ['imagePullPolicy', 'string'],
    15: ['securityContext', 'core.v1.SecurityContext', 'k'],
    16: ['stdin', 'bool'],
    17: ['stdinOnce', 'bool'],
    18: ['tty', 'bool'],
  },
  'core.v1.EphemeralVolumeSource': {
    1: ['volumeClaimTemplate', 'core.v1.PersistentVolumeClaimTemplate', 'k'],
  },
  'core.v1.ExecAction': {
    1: ['command', 'string', 'r'],
  },
  'core.v1.FCVolumeSource': {
    1: ['targetWWNs', 'string', 'r'],
    2: ['lun', 'int32', 'k'],
    3: ['fsType', 'string'],
    4: ['readOnly', 'bool'],
    5: ['wwids', 'string', 'r'],
  },
  'core.v1.FlexVolumeSource': {
    1: ['driver', 'string', 'k'],
    2: ['fsType', 'string'],
    3: ['secretRef', 'core.v1.LocalObjectReference', 'k'],
    4: ['readOnly', 'bool'],
    5: ['options', 'map:string'],
  },
  'core.v1.FlockerVolumeSource': {
    1: ['datasetName', 'string'],
    2: ['datasetUUID', 'string'],
  },
  'core.v1.GCEPersistentDiskVolumeSource': {
    1: ['pdName', 'string', 'k'],
    2: ['fsType', 'string'],
    3: ['partition', 'int32'],
    4: ['readOnly', 'bool'],
  },
  'core.v1.GRPCAction': {
    1: ['port', 'int32', 'k'],
    2: ['service', 'string', 'k'],
  },
  'core.v1.GitRepoVolumeSource': {
    1: ['repository', 'string', 'k'],
    2: ['revision', 'string'],
    3: ['directory', 'string'],
  },
  'core.v1.GlusterfsVolumeSource': {
    1: ['endpoints', 'string', 'k'],
    2: ['path', 'string', 'k'],
    3: ['readOnly', 'bool'],
  },
  'core.v1.HTTPGetAction': {
    1: ['path', 'string'],
    2: ['port', 'intOrString', 'k'],
    3: ['host', 'string'],
    4: ['scheme', 'string'],
    5: ['httpHeaders', 'core.v1.HTTPHeader', 'r'],
  },
  'core.v1.HTTPHeader': {
    1: ['name', 'string', 'k'],
    2: ['value', 'string', 'k'],
  },
  'core.v1.HostAlias': {
    1: ['ip', 'string', 'k'],
    2: ['hostnames', 'string', 'r'],
  },
  'core.v1.HostPathVolumeSource': {
    1: ['path', 'string', 'k'],
    2: ['type', 'string', 'k'],
  },
  'core.v1.ISCSIVolumeSource': {
    1: ['targetPortal', 'string', 'k'],
    2: ['iqn', 'string', 'k'],
    3: ['lun', 'int32', 'k'],
    4: ['iscsiInterface', 'string'],
    5: ['fsType', 'string'],
    6: ['readOnly', 'bool'],
    7: ['portals', 'string', 'r'],
    8: ['chapAuthDiscovery', 'bool'],
    11: ['chapAuthSession', 'bool'],
    10: ['secretRef', 'core.v1.LocalObjectReference', 'k'],
    12: ['initiatorName', 'string', 'k'],
  },
  'core.v1.ImageVolumeSource': {
    1: ['reference', 'string'],
    2: ['pullPolicy', 'string'],
  },
  'core.v1.KeyToPath': {
    1: ['key', 'string', 'k'],
    2: ['path', 'string', 'k'],
    3: ['mode', 'int32', 'k'],
  },
  'core.v1.Lifecycle': {
    1: ['postStart', 'core.v1.LifecycleHandler', 'k'],
    2: ['preStop', 'core.v1.LifecycleHandler', 'k'],
    3: ['stopSignal', 'string', 'k'],
  },
  'core.v1.LifecycleHandler': {
    1: ['exec', 'core.v1.ExecAction', 'k'],
    2: ['httpGet', 'core.v1.HTTPGetAction', 'k'],
    3: ['tcpSocket', 'core.v1.TCPSocketAction', 'k'],
    4: ['sleep', 'core.v1.SleepAction', 'k'],
  },
  'core.v1.Secret': {
    1: ['metadata', 'meta.v1.ObjectMeta'],
    5: ['immutable', 'bool', 'k'],
    2: ['data', 'map:bytes'],
    4: ['stringData', 'map:string'],
    3: ['type', 'string'],
  },
  'core.v1.Service': {
    1: ['metadata', 'meta.v1.ObjectMeta'],
    2: ['spec', 'core.v1.ServiceSpec'],
  },
  'core.v1.ServiceSpec': {
    1: ['ports', 'core.v1.ServicePort', 'r'],
    2: ['selector', 'map:string'],
    3: ['clusterIP', 'string'],
    18: ['clusterIPs', 'string', 'r'],
    4: ['type', 'string'],
    5: ['externalIPs', 'string', 'r'],
    7: ['sessionAffinity', 'string'],
    8: ['loadBalancerIP', 'string'],
    9: ['loadBalancerSourceRanges', 'string', 'r'],
    10: ['externalName', 'string'],
    11: ['externalTrafficPolicy', 'string'],
    12: ['healthCheckNodePort', 'int32'],
    13: ['publishNotReadyAddresses', 'bool'],
    14: ['sessionAffinityConfig', 'core.v1.SessionAffinityConfig', 'k'],
    19: ['ipFamilies', 'string', 'r'],
    17: ['ipFamilyPolicy', 'string', 'k'],
    20: ['allocateLoadBalancerNodePorts', 'bool', 'k'],
    21: ['loadBalancerClass', 'string', 'k'],
    22: ['internalTrafficPolicy', 'string', 'k'],
    23: ['trafficDistribution', 'string', 'k'],
  },
  'core.v1.ServicePort': {
    1: ['name', 'string'],
    2: ['protocol', 'string'],
    6: ['appProtocol', 'string', 'k'],
    3: ['port', 'int32', 'k'],
    4: ['targetPort', 'intOrString'],
    5: ['nodePort', 'int32'],
  },
  'core.v1.SessionAffinityConfig': {
    1: ['clientIP', 'core.v1.ClientIPConfig', 'k'],
  },
  'core.v1.ClientIPConfig': {
    1: ['timeoutSeconds', 'int32', 'k'],
  },
  'core.v1.LocalObjectReference': {
    1: ['name', 'string'],
  },
  'core.v1.NFSVolumeSource': {
    1: ['server', 'string', 'k'],
    2: ['path', 'string', 'k'],
    3: ['readOnly', 'bool'],
  },
  'core.v1.Namespace': {
    1: ['metadata', 'meta.v1.ObjectMeta'],
    2: ['spec', 'core.v1.NamespaceSpec'],
  },
  'core.v1.NamespaceSpec': {
    1: ['finalizers', 'string', 'r'],
  },
  'core.v1.NodeAffinity': {
    1: ['requiredDuringSchedulingIgnoredDuringExecution', 'core.v1.NodeSelector', 'k'],
    2: ['preferredDuringSchedulingIgnoredDuringExecution', 'core.v1.PreferredSchedulingTerm', 'r'],
  },
  'core.v1.NodeSelector': {
    1: ['nodeSelectorTerms', 'core.v1.NodeSelectorTerm', 'rk'],
  },
  'core.v1.NodeSelectorRequirement': {
    1: ['key', 'string', 'k'],
    2: ['operator', 'string', 'k'],
    3: ['values', 'string', 'r'],
  },
  'core.v1.NodeSelectorTerm': {
    1: ['matchExpressions', 'core.v1.NodeSelectorRequirement', 'r'],
    2: ['matchFields', 'core.v1.NodeSelectorRequirement', 'r'],
  },
  'core.v1.ObjectFieldSelector': {
    1: ['apiVersion', 'string'],
    2: ['fieldPath', 'string', 'k'],
  },
  'core.v1.PersistentVolumeClaimSpec': {
    1: ['accessModes', 'string', 'r'],
    4: ['selector', 'meta.v1.LabelSelector', 'k'],
    2: ['resources', 'core.v1.VolumeResourceRequirements'],
    3: ['volumeName', 'string'],
    5: ['storageClassName', 'string', 'k'],
    6: ['volumeMode', 'string', 'k'],
    7: ['dataSource', 'core.v1.TypedLocalObjectReference', 'k'],
    8: ['dataSourceRef', 'core.v1.TypedObjectReference', 'k'],
    9: ['volumeAttributesClassName', 'string', 'k'],
  },
  'core.v1.PersistentVolumeClaimTemplate': {
    1: ['metadata', 'meta.v1.ObjectMeta'],
    2: ['spec', 'core.v1.PersistentVolumeClaimSpec', 'k'],
  },
  'core.v1.PersistentVolumeClaimVolumeSource': {
    1: ['claimName', 'string', 'k'],
    2: ['readOnly', 'bool'],
  },
  'core.v1.PhotonPersistentDiskVolumeSource': {
    1: ['pdID', 'string', 'k'],
    2: ['fsType', 'string'],
  },
  'core.v1.Pod': {
    1: ['metadata', 'meta.v1.ObjectMeta'],
    2: ['spec', 'core.v1.PodSpec'],
  },
  'core.v1.PodAffinity': {
    1: ['requiredDuringSchedulingIgnoredDuringExecution', 'core.v1.PodAffinityTerm', 'r'],
    2: ['preferredDuringSchedulingIgnoredDuringExecution', 'core.v1.WeightedPodAffinityTerm', 'r'],
  },
  'core.v1.PodAffinityTerm': {
    1: ['labelSelector', 'meta.v1.LabelSelector', 'k'],
    2: ['namespaces', 'string', 'r'],
    3: ['topologyKey', 'string', 'k'],
    4: ['namespaceSelector', 'meta.v1.LabelSelector', 'k'],
    5: ['matchLabelKeys', 'string', 'r'],
    6: ['mismatchLabelKeys', 'string', 'r'],
  },
  'core.v1.PodAntiAffinity': {
    1: ['requiredDuringSchedulingIgnoredDuringExecution', 'core.v1.PodAffinityTerm', 'r'],
    2: ['preferredDuringSchedulingIgnoredDuringExecution', 'core.v1.WeightedPodAffinityTerm', 'r'],
  },
  'core.v1.PodDNSConfig': {
    1: ['nameservers', 'string', 'r'],
    2: ['searches', 'string', 'r'],
    3: ['options', 'core.v1.PodDNSConfigOption', 'r'],
  },
  'core.v1.PodDNSConfigOption': {
    1: ['name', 'string'],
    2: ['value', 'string', 'k'],
  },
  'core.v1.PodOS': {
    1: ['name', 'string', 'k'],
  },
  'core.v1.PodReadinessGate': {
    1: ['conditionType', 'string', 'k'],
  },
  'core.v1.PodResourceClaim': {
    1: ['name', 'string', 'k'],
    3: ['resourceClaimName', 'string', 'k'],
    4: ['resourceClaimTemplateName', 'string', 'k'],
  },
  'core.v1.PodSchedulingGate': {
    1: ['name', 'string', 'k'],
  },
  'core.v1.PodSecurityContext': {
    1: ['seLinuxOptions', 'core.v1.SELinuxOptions', 'k'],
    8: ['windowsOptions', 'core.v1.WindowsSecurityContextOptions', 'k'],
    2: ['runAsUser', 'int64', 'k'],
    6: ['runAsGroup', 'int64', 'k'],
    3: ['runAsNonRoot', 'bool', 'k'],
    4: ['supplementalGroups', 'int64', 'r'],
    12: ['supplementalGroupsPolicy', 'string', 'k'],
    5: ['fsGroup', 'int64', 'k'],
    7: ['sysctls', 'core.v1.Sysctl', 'r'],
    9: ['fsGroupChangePolicy', 'string', 'k'],
    10: ['seccompProfile', 'core.v1.SeccompProfile', 'k'],
    11: ['appArmorProfile', 'core.v1.AppArmorProfile', 'k'],
    13: ['seLinuxChangePolicy', 'string', 'k'],
  },
  'core.v1.PodSpec': {
    1: ['volumes', 'core.v1.Volume', 'r'],
    20: ['initContainers', 'core.v1.Container', 'r'],
    2: ['containers', 'core.v1.Container', 'rk'],
    34: ['ephemeralContainers', 'core.v1.EphemeralContainer', 'r'],
    3: ['restartPolicy', 'string'],
    4: ['terminationGracePeriodSeconds', 'int64', 'k'],
    5: ['activeDeadlineSeconds', 'int64', 'k'],
    6: ['dnsPolicy', 'string'],
    7: ['nodeSelector', 'map:string'],
    8: ['serviceAccountName', 'string'],
    9: ['serviceAccount', 'string'],
    21: ['automountServiceAccountToken', 'bool', 'k'],
    10: ['nodeName', 'string'],
    11: ['hostNetwork', 'bool'],
    12: ['hostPID', 'bool'],
    13: ['hostIPC', 'bool'],
    27: ['shareProcessNamespace', 'bool', 'k'],
    14: ['securityContext', 'core.v1.PodSecurityContext', 'k'],
    15: ['imagePullSecrets', 'core.v1.LocalObjectReference', 'r'],
    16: ['hostname', 'string'],
    17: ['subdomain', 'string'],
    18: ['affinity', 'core.v1.Affinity', 'k'],
    19: ['schedulerName', 'string'],
    22: ['tolerations', 'core.v1.Toleration', 'r'],
    23: ['hostAliases', 'core.v1.HostAlias', 'r'],
    24: ['priorityClassName', 'string'],
    25: ['priority', 'int32', 'k'],
    26: ['dnsConfig', 'core.v1.PodDNSConfig', 'k'],
    28: ['readinessGates', 'core.v1.PodReadinessGate', 'r'],
    29: ['runtimeClassName', 'string', 'k'],
    30: ['enableServiceLinks', 'bool', 'k'],
    31: ['preemptionPolicy', 'string', 'k'],
    32: ['overhead', 'map:quantity'],
    33: ['topologySpreadConstraints', 'core.v1.TopologySpreadConstraint', 'r'],
    35: ['setHostnameAsFQDN', 'bool', 'k'],
    36: ['os', 'core.v1.PodOS', 'k'],
    37: ['hostUsers', 'bool', 'k'],
    38: ['schedulingGates', 'core.v1.PodSchedulingGate', 'r'],
    39: ['resourceClaims', 'core.v1.PodResourceClaim', 'r'],
    40: ['resources', 'core.v1.ResourceRequirements', 'k'],
  },
  'core.v1.PodTemplateSpec': {
    1: ['metadata', 'meta.v1.ObjectMeta'],
    2: ['spec', 'core.v1.PodSpec'],
  },
  'core.v1.PortworxVolumeSource': {
    1: ['volumeID', 'string', 'k'],
    2: ['fsType', 'string'],
    3: ['readOnly', 'bool'],
  },
  'core.v1.PreferredSchedulingTerm': {
    1: ['weight', 'int32', 'k'],
    2: ['preference', 'core.v1.NodeSelectorTerm', 'k'],
  },
  'core.v1.Probe': {
    1: ['handler', 'core.v1.ProbeHandler', 'ki'],
    2: ['initialDelaySeconds', 'int32'],
    3: ['timeoutSeconds', 'int32'],
    4: ['periodSeconds', 'int32'],
    5: ['successThreshold', 'int32'],
    6: ['failureThreshold', 'int32'],
    7: ['terminationGracePeriodSeconds', 'int64', 'k'],
  },
  'core.v1.ProbeHandler': {
    1: ['exec', 'core.v1.ExecAction', 'k'],
    2: ['httpGet', 'core.v1.HTTPGetAction', 'k'],
    3: ['tcpSocket', 'core.v1.TCPSocketAction', 'k'],
    4: ['grpc', 'core.v1.GRPCAction', 'k'],
  },
  'core.v1.ProjectedVolumeSource': {
    1: ['sources', 'core.v1.VolumeProjection', 'rk'],
    2: ['defaultMode', 'int32', 'k'],
  },
  'core.v1.QuobyteVolumeSource': {
    1: ['registry', 'string', 'k'],
    2: ['volume', 'string', 'k'],
    3: ['readOnly', 'bool'],
    4: ['user', 'string'],
    5: ['group', 'string'],
    6: ['tenant', 'string'],
  },
  'core.v1.RBDVolumeSource': {
    1: ['monitors', 'string', 'rk'],
    2: ['image', 'string', 'k'],
    3: ['fsType', 'string'],
    4: ['pool', 'string'],
    5: ['user', 'string'],
    6: ['keyring', 'string'],
    7: ['secretRef', 'core.v1.LocalObjectReference', 'k'],
    8: ['readOnly', 'bool'],
  },
  'core.v1.ResourceClaim': {
    1: ['name', 'string', 'k'],
    2: ['request', 'string'],
  },
  'core.v1.ResourceFieldSelector': {
    1: ['containerName', 'string'],
    2: ['resource', 'string', 'k'],
    3: ['divisor', 'quantity'],
  },
  'core.v1.ResourceRequirements': {
    1: ['limits', 'map:quantity'],
    2: ['requests', 'map:quantity'],
    3: ['claims', 'core.v1.ResourceClaim', 'r'],
  },
  'core.v1.SELinuxOptions': {
    1: ['user', 'string'],
    2: ['role', 'string'],
    3: ['type', 'string'],
    4: ['level', 'string'],
  },
  'core.v1.ScaleIOVolumeSource': {
    1: ['gateway', 'string', 'k'],
    2: ['system', 'string', 'k'],
    3: ['secretRef', 'core.v1.LocalObjectReference', 'k'],
    4: ['sslEnabled', 'bool'],
    5: ['protectionDomain', 'string'],
    6: ['storagePool', 'string'],
    7: ['storageMode', 'string'],
    8: ['volumeName', 'string'],
    9: ['fsType', 'string'],
    10: ['readOnly', 'bool'],
  },
  'core.v1.SeccompProfile': {
    1: ['type', 'string', 'k'],
    2: ['localhostProfile', 'string', 'k'],
  },
  'core.v1.SecretEnvSource': {
    1: ['localObjectReference', 'core.v1.LocalObjectReference', 'ki'],
    2: ['optional', 'bool', 'k'],
  },
  'core.v1.SecretKeySelector': {
    1: ['localObjectReference', 'core.v1.LocalObjectReference', 'ki'],
    2: ['key', 'string', 'k'],
    3: ['optional', 'bool', 'k'],
  },
  'core.v1.SecretProjection': {
    1: ['localObjectReference', 'core.v1.LocalObjectReference', 'ki'],
    2: ['items', 'core.v1.KeyToPath', 'r'],
    4: ['optional', 'bool', 'k'],
  },
  'core.v1.SecretVolumeSource': {
    1: ['secretName', 'string'],
    2: ['items', 'core.v1.KeyToPath', 'r'],
    3: ['defaultMode', 'int32', 'k'],
    4: ['optional', 'bool', 'k'],
  },
  'core.v1.SecurityContext': {
    1: ['capabilities', 'core.v1.Capabilities', 'k'],
    2: ['privileged', 'bool', 'k'],
    3: ['seLinuxOptions', 'core.v1.SELinuxOptions', 'k'],
    10: ['windowsOptions', 'core.v1.WindowsSecurityContextOptions', 'k'],
    4: ['runAsUser', 'int64', 'k'],
    8: ['runAsGroup', 'int64', 'k'],
    5: ['runAsNonRoot', 'bool', 'k'],
    6: ['readOnlyRootFilesystem', 'bool', 'k'],
    7: ['allowPrivilegeEscalation', 'bool', 'k'],
    9: ['procMount', 'string', 'k'],
    11: ['seccompProfile', 'core.v1.SeccompProfile', 'k'],
    12: ['appArmorProfile', 'core.v1.AppArmorProfile', 'k'],
  },
  'core.v1.ServiceAccountTokenProjection': {
    1: ['audience', 'string'],
    2: ['expirationSeconds', 'int64', 'k'],
    3: ['path', 'string', 'k'],
  },
  'core.v1.SleepAction': {
    1: ['seconds', 'int64', 'k'],
  },
  'core.v1.StorageOSVolumeSource': {
    1: ['volumeName', 'string'],
    2: ['volumeNamespace', 'string'],
    3: ['fsType', 'string'],
    4: ['readOnly', 'bool'],
    5: ['secretRef', 'core.v1.LocalObjectReference', 'k'],
  },
  'core.v1.Sysctl': {
    1: ['name', 'string', 'k'],
    2: ['value', 'string', 'k'],
  },
  'core.v1.TCPSocketAction': {
    1: ['port', 'intOrString', 'k'],
    2: ['host', 'string'],
  },
  'core.v1.Toleration': {
    1: ['key', 'string'],
    2: ['operator', 'string'],
    3: ['value', 'string'],
    4: ['effect', 'string'],
    5: ['tolerationSeconds', 'int64', 'k'],
  },
  'core.v1.TopologySpreadConstraint': {
    1: ['maxSkew', 'int32', 'k'],
    2: ['topologyKey', 'string', 'k'],
    3: ['whenUnsatisfiable', 'string', 'k'],
    4: ['labelSelector', 'meta.v1.LabelSelector', 'k'],
    5: ['minDomains', 'int32', 'k'],
    6: ['nodeAffinityPolicy', 'string', 'k'],
    7: ['nodeTaintsPolicy', 'string', 'k'],
    8: ['matchLabelKeys', 'string', 'r'],
  },
  'core.v1.TypedLocalObjectReference': {
    1: ['apiGroup', 'string', 'k'],
    2: ['kind', 'string', 'k'],
    3: ['name', 'string', 'k'],
  },
  'core.v1.TypedObjectReference': {
    1: ['apiGroup', 'string', 'k'],
    2: ['kind', 'string', 'k'],
    3: ['name', 'string', 'k'],
    4: ['namespace', 'string', 'k'],
  },
  'core.v1.Volume': {
    1: ['name', 'string', 'k'],
    2: ['volumeSource', 'core.v1.VolumeSource', 'ki'],
  },
  'core.v1.VolumeDevice': {
    1: ['name', 'string', 'k'],
    2: ['devicePath', 'string', 'k'],
  },
  'core.v1.VolumeMount': {
    1: ['name', 'string', 'k'],
    2: ['readOnly', 'bool'],
    7: ['recursiveReadOnly', 'string', 'k'],
    3: ['mountPath', 'string', 'k'],
    4: ['subPath', 'string'],
    5: ['mountPropagation', 'string', 'k'],
    6: ['subPathExpr', 'string'],
  },
  'core.v1.VolumeProjection': {
    1: ['secret', 'core.v1.SecretProjection', 'k'],
    2: ['downwardAPI', 'core.v1.DownwardAPIProjection', 'k'],
    3: ['configMap', 'core.v1.ConfigMapProjection', 'k'],
    4: ['serviceAccountToken', 'core.v1.ServiceAccountTokenProjection', 'k'],
    5: ['clusterTrustBundle', 'core.v1.ClusterTrustBundleProjection', 'k'],
  },
  'core.v1.VolumeResourceRequirements': {
    1: ['limits', 'map:quantity'],
    2: ['requests', 'map:quantity'],
  },
  'core.v1.VolumeSource': {
    1: ['hostPath', 'core.v1.HostPathVolumeSource', 'k'],
    2: ['emptyDir', 'core.v1.EmptyDirVolumeSource', 'k'],
    3: ['gcePersistentDisk', 'core.v1.GCEPersistentDiskVolumeSource', 'k'],
    4: ['awsElasticBlockStore', 'core.v1.AWSElasticBlockStoreVolumeSource', 'k'],
    5: ['gitRepo', 'core.v1.GitRepoVolumeSource', 'k'],
    6: ['secret', 'core.v1.SecretVolumeSource', 'k'],
    7: ['nfs', 'core.v1.NFSVolumeSource', 'k'],
    8: ['iscsi', 'core.v1.ISCSIVolumeSource', 'k'],
    9: ['glusterfs', 'core.v1.GlusterfsVolumeSource', 'k'],
    10: ['persistentVolumeClaim', 'core.v1.PersistentVolumeClaimVolumeSource', 'k'],
    11: ['rbd', 'core.v1.RBDVolumeSource', 'k'],
    12: ['flexVolume', 'core.v1.FlexVolumeSource', 'k'],
    13: ['cinder', 'core.v1.CinderVolumeSource', 'k'],
    14: ['cephfs', 'core.v1.CephFSVolumeSource', 'k'],
    15: ['flocker', 'core.v1.FlockerVolumeSource', 'k'],
    16: ['downwardAPI', 'core.v1.DownwardAPIVolumeSource', 'k'],
    17: ['fc', 'core.v1.FCVolumeSource', 'k'],
    18: ['azureFile', 'core.v1.AzureFileVolumeSource', 'k'],
    19: ['configMap', 'core.v1.ConfigMapVolumeSource', 'k'],
    20: ['vsphereVolume', 'core.v1.VsphereVirtualDiskVolumeSource', 'k'],
    21: ['quobyte', 'core.v1.QuobyteVolumeSource', 'k'],
    22: ['azureDisk', 'core.v1.AzureDiskVolumeSource', 'k'],
    23: ['photonPersistentDisk', 'core.v1.PhotonPersistentDiskVolumeSource', 'k'],
    26: ['projected', 'core.v1.ProjectedVolumeSource', 'k'],
    24: ['portworxVolume', 'core.v1.PortworxVolumeSource', 'k'],
    25: ['scaleIO', 'core.v1.ScaleIOVolumeSource', 'k'],
    27: ['storageos', 'core.v1.StorageOSVolumeSource', 'k'],
    28: ['csi', 'core.v1.CSIVolumeSource', 'k'],
    29: ['ephemeral', 'core.v1.EphemeralVolumeSource', 'k'],
    30: ['image', 'core.v1.ImageVolumeSource', 'k'],
  },
  'core.v1.VsphereVirtualDiskVolumeSource': {
    1: ['volumePath', 'string', 'k'],
    2: ['fsType', 'string'],
    3: ['storagePolicyName', 'string'],
    4: ['storagePolicyID', 'string'],
  },
  'core.v1.WeightedPodAffinityTerm': {
    1: ['weight', 'int32', 'k'],
    2: ['podAffinityTerm', 'core.v1.PodAffinityTerm', 'k'],
  },
  'core.v1.WindowsSecurityContextOptions': {
    1: ['gmsaCredentialSpecName', 'string', 'k'],
    2: ['gmsaCredentialSpec', 'string', 'k'],
    3: ['runAsUserName', 'string', 'k'],
    4: ['hostProcess', 'bool', 'k'],
  },
  'meta.v1.DeleteOptions': {
    1: ['gracePeriodSeconds', 'int64', 'k'],
    2: ['preconditions', 'meta.v1.Preconditions', 'k'],
    3: ['orphanDependents', 'bool', 'k'],
    4: ['propagationPolicy', 'string', 'k'],
    5: ['dryRun', 'string', 'r'],
    6: ['ignoreStoreReadErrorWithClusterBreakingPotential', 'bool', 'k'],
  },
  'meta.v1.FieldSelectorRequirement': {
    1: ['key', 'string', 'k'],
    2: ['operator', 'string', 'k'],
    3: ['values', 'string', 'r'],
  },
  'meta.v1.LabelSelector': {
    1: ['matchLabels', 'map:string'],
    2: ['matchExpressions', 'meta.v1.LabelSelectorRequirement', 'r'],
  },
  'meta.v1.LabelSelectorRequirement': {
    1: ['key', 'string', 'k'],
    2: ['operator', 'string', 'k'],
    3: ['values', 'string', 'r'],
  },
  'meta.v1.ObjectMeta': {
    1: ['name', 'string'],
    2: ['generateName', 'string'],
    3: ['namespace', 'string'],
    4: ['selfLink', 'string'],
    5: ['uid', 'string'],
    6: ['resourceVersion', 'string'],
    7: ['generation', 'int64'],
    8: ['creationTimestamp', 'time'],
    9: ['deletionTimestamp', 'time', 'k'],
    10: ['deletionGracePeriodSeconds', 'int64', 'k'],
    11: ['labels', 'map:string'],
    12: ['annotations', 'map:string'],
    13: ['ownerReferences', 'meta.v1.OwnerReference', 'r'],
    14: ['finalizers', 'string', 'r'],
  },
  'meta.v1.OwnerReference': {
    5: ['apiVersion', 'string', 'k'],
    1: ['kind', 'string', 'k'],
    3: ['name', 'string', 'k'],
    4: ['uid', 'string', 'k'],
    6: ['controller', 'bool', 'k'],
    7: ['blockOwnerDeletion', 'bool', 'k'],
  },
  'meta.v1.Preconditions': {
    1: ['uid', 'string', 'k'],
    2: ['resourceVersion', 'string', 'k'],
  },
  'policy.v1.Eviction': {
    1: ['metadata', 'meta.v1.ObjectMeta'],
    2: ['deleteOptions', 'meta.v1.DeleteOptions', 'k'],
  },
};
