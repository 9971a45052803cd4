"use strict";
exports.id = 890;
exports.ids = [890];
exports.modules = {

/***/ 7890:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  $Command: () => (/* reexport */ client.Command),
  AccessDeniedException: () => (/* reexport */ errors/* AccessDeniedException */.XN),
  AccessDeniedException$: () => (/* reexport */ schemas_0/* AccessDeniedException$ */.fO9),
  AccountPolicy$: () => (/* reexport */ schemas_0/* AccountPolicy$ */.qtk),
  ActionStatus: () => (/* reexport */ ActionStatus),
  AddKeyEntry$: () => (/* reexport */ schemas_0/* AddKeyEntry$ */.vs9),
  AddKeys$: () => (/* reexport */ schemas_0/* AddKeys$ */.K4H),
  AggregateLogGroupSummary$: () => (/* reexport */ schemas_0/* AggregateLogGroupSummary$ */.T3e),
  Anomaly$: () => (/* reexport */ schemas_0/* Anomaly$ */.uZ9),
  AnomalyDetector$: () => (/* reexport */ schemas_0/* AnomalyDetector$ */.q4E),
  AnomalyDetectorStatus: () => (/* reexport */ AnomalyDetectorStatus),
  AssociateKmsKey$: () => (/* reexport */ schemas_0/* AssociateKmsKey$ */.l3u),
  AssociateKmsKeyCommand: () => (/* reexport */ AssociateKmsKeyCommand),
  AssociateKmsKeyRequest$: () => (/* reexport */ schemas_0/* AssociateKmsKeyRequest$ */.Ot6),
  AssociateSourceToS3TableIntegration$: () => (/* reexport */ schemas_0/* AssociateSourceToS3TableIntegration$ */.faC),
  AssociateSourceToS3TableIntegrationCommand: () => (/* reexport */ AssociateSourceToS3TableIntegrationCommand),
  AssociateSourceToS3TableIntegrationRequest$: () => (/* reexport */ schemas_0/* AssociateSourceToS3TableIntegrationRequest$ */.SDf),
  AssociateSourceToS3TableIntegrationResponse$: () => (/* reexport */ schemas_0/* AssociateSourceToS3TableIntegrationResponse$ */.KBR),
  CSV$: () => (/* reexport */ schemas_0/* CSV$ */.Vof),
  CancelExportTask$: () => (/* reexport */ schemas_0/* CancelExportTask$ */.kpN),
  CancelExportTaskCommand: () => (/* reexport */ CancelExportTaskCommand),
  CancelExportTaskRequest$: () => (/* reexport */ schemas_0/* CancelExportTaskRequest$ */.L0h),
  CancelImportTask$: () => (/* reexport */ schemas_0/* CancelImportTask$ */.Lfe),
  CancelImportTaskCommand: () => (/* reexport */ CancelImportTaskCommand),
  CancelImportTaskRequest$: () => (/* reexport */ schemas_0/* CancelImportTaskRequest$ */.wvJ),
  CancelImportTaskResponse$: () => (/* reexport */ schemas_0/* CancelImportTaskResponse$ */.w7t),
  CloudWatchLogs: () => (/* reexport */ CloudWatchLogs),
  CloudWatchLogsClient: () => (/* reexport */ CloudWatchLogsClient/* CloudWatchLogsClient */.T),
  CloudWatchLogsServiceException: () => (/* reexport */ CloudWatchLogsServiceException/* CloudWatchLogsServiceException */.y),
  CloudWatchLogsServiceException$: () => (/* reexport */ schemas_0/* CloudWatchLogsServiceException$ */.Gtc),
  ConfigurationTemplate$: () => (/* reexport */ schemas_0/* ConfigurationTemplate$ */.xcx),
  ConfigurationTemplateDeliveryConfigValues$: () => (/* reexport */ schemas_0/* ConfigurationTemplateDeliveryConfigValues$ */.Bg3),
  ConflictException: () => (/* reexport */ errors/* ConflictException */.cb),
  ConflictException$: () => (/* reexport */ schemas_0/* ConflictException$ */.onj),
  CopyValue$: () => (/* reexport */ schemas_0/* CopyValue$ */.NpI),
  CopyValueEntry$: () => (/* reexport */ schemas_0/* CopyValueEntry$ */.bPg),
  CreateDelivery$: () => (/* reexport */ schemas_0/* CreateDelivery$ */.Jv6),
  CreateDeliveryCommand: () => (/* reexport */ CreateDeliveryCommand),
  CreateDeliveryRequest$: () => (/* reexport */ schemas_0/* CreateDeliveryRequest$ */.EqG),
  CreateDeliveryResponse$: () => (/* reexport */ schemas_0/* CreateDeliveryResponse$ */.I41),
  CreateExportTask$: () => (/* reexport */ schemas_0/* CreateExportTask$ */.CtG),
  CreateExportTaskCommand: () => (/* reexport */ CreateExportTaskCommand),
  CreateExportTaskRequest$: () => (/* reexport */ schemas_0/* CreateExportTaskRequest$ */.ZS),
  CreateExportTaskResponse$: () => (/* reexport */ schemas_0/* CreateExportTaskResponse$ */.PKb),
  CreateImportTask$: () => (/* reexport */ schemas_0/* CreateImportTask$ */.BFk),
  CreateImportTaskCommand: () => (/* reexport */ CreateImportTaskCommand),
  CreateImportTaskRequest$: () => (/* reexport */ schemas_0/* CreateImportTaskRequest$ */._HW),
  CreateImportTaskResponse$: () => (/* reexport */ schemas_0/* CreateImportTaskResponse$ */.wWs),
  CreateLogAnomalyDetector$: () => (/* reexport */ schemas_0/* CreateLogAnomalyDetector$ */.yIn),
  CreateLogAnomalyDetectorCommand: () => (/* reexport */ CreateLogAnomalyDetectorCommand),
  CreateLogAnomalyDetectorRequest$: () => (/* reexport */ schemas_0/* CreateLogAnomalyDetectorRequest$ */.nW4),
  CreateLogAnomalyDetectorResponse$: () => (/* reexport */ schemas_0/* CreateLogAnomalyDetectorResponse$ */.njX),
  CreateLogGroup$: () => (/* reexport */ schemas_0/* CreateLogGroup$ */.EP0),
  CreateLogGroupCommand: () => (/* reexport */ CreateLogGroupCommand),
  CreateLogGroupRequest$: () => (/* reexport */ schemas_0/* CreateLogGroupRequest$ */.FfU),
  CreateLogStream$: () => (/* reexport */ schemas_0/* CreateLogStream$ */.jol),
  CreateLogStreamCommand: () => (/* reexport */ CreateLogStreamCommand),
  CreateLogStreamRequest$: () => (/* reexport */ schemas_0/* CreateLogStreamRequest$ */.Cb$),
  CreateLookupTable$: () => (/* reexport */ schemas_0/* CreateLookupTable$ */.$gt),
  CreateLookupTableCommand: () => (/* reexport */ CreateLookupTableCommand),
  CreateLookupTableRequest$: () => (/* reexport */ schemas_0/* CreateLookupTableRequest$ */.o8n),
  CreateLookupTableResponse$: () => (/* reexport */ schemas_0/* CreateLookupTableResponse$ */.KX4),
  CreateScheduledQuery$: () => (/* reexport */ schemas_0/* CreateScheduledQuery$ */.QPy),
  CreateScheduledQueryCommand: () => (/* reexport */ CreateScheduledQueryCommand),
  CreateScheduledQueryRequest$: () => (/* reexport */ schemas_0/* CreateScheduledQueryRequest$ */.fs2),
  CreateScheduledQueryResponse$: () => (/* reexport */ schemas_0/* CreateScheduledQueryResponse$ */.R2A),
  DataAlreadyAcceptedException: () => (/* reexport */ errors/* DataAlreadyAcceptedException */.Zz),
  DataAlreadyAcceptedException$: () => (/* reexport */ schemas_0/* DataAlreadyAcceptedException$ */.N0V),
  DataProtectionStatus: () => (/* reexport */ DataProtectionStatus),
  DataSource$: () => (/* reexport */ schemas_0/* DataSource$ */.o9X),
  DataSourceFilter$: () => (/* reexport */ schemas_0/* DataSourceFilter$ */.kMP),
  DateTimeConverter$: () => (/* reexport */ schemas_0/* DateTimeConverter$ */.W4n),
  DeleteAccountPolicy$: () => (/* reexport */ schemas_0/* DeleteAccountPolicy$ */.dWx),
  DeleteAccountPolicyCommand: () => (/* reexport */ DeleteAccountPolicyCommand),
  DeleteAccountPolicyRequest$: () => (/* reexport */ schemas_0/* DeleteAccountPolicyRequest$ */._aN),
  DeleteAccountPolicyResponse$: () => (/* reexport */ schemas_0/* DeleteAccountPolicyResponse$ */.g7A),
  DeleteDataProtectionPolicy$: () => (/* reexport */ schemas_0/* DeleteDataProtectionPolicy$ */.piI),
  DeleteDataProtectionPolicyCommand: () => (/* reexport */ DeleteDataProtectionPolicyCommand),
  DeleteDataProtectionPolicyRequest$: () => (/* reexport */ schemas_0/* DeleteDataProtectionPolicyRequest$ */._g6),
  DeleteDelivery$: () => (/* reexport */ schemas_0/* DeleteDelivery$ */.Yoj),
  DeleteDeliveryCommand: () => (/* reexport */ DeleteDeliveryCommand),
  DeleteDeliveryDestination$: () => (/* reexport */ schemas_0/* DeleteDeliveryDestination$ */.gQC),
  DeleteDeliveryDestinationCommand: () => (/* reexport */ DeleteDeliveryDestinationCommand),
  DeleteDeliveryDestinationPolicy$: () => (/* reexport */ schemas_0/* DeleteDeliveryDestinationPolicy$ */.klj),
  DeleteDeliveryDestinationPolicyCommand: () => (/* reexport */ DeleteDeliveryDestinationPolicyCommand),
  DeleteDeliveryDestinationPolicyRequest$: () => (/* reexport */ schemas_0/* DeleteDeliveryDestinationPolicyRequest$ */.fyY),
  DeleteDeliveryDestinationRequest$: () => (/* reexport */ schemas_0/* DeleteDeliveryDestinationRequest$ */.LB9),
  DeleteDeliveryRequest$: () => (/* reexport */ schemas_0/* DeleteDeliveryRequest$ */.xkH),
  DeleteDeliverySource$: () => (/* reexport */ schemas_0/* DeleteDeliverySource$ */.VUH),
  DeleteDeliverySourceCommand: () => (/* reexport */ DeleteDeliverySourceCommand),
  DeleteDeliverySourceRequest$: () => (/* reexport */ schemas_0/* DeleteDeliverySourceRequest$ */.CeD),
  DeleteDestination$: () => (/* reexport */ schemas_0/* DeleteDestination$ */.uXT),
  DeleteDestinationCommand: () => (/* reexport */ DeleteDestinationCommand),
  DeleteDestinationRequest$: () => (/* reexport */ schemas_0/* DeleteDestinationRequest$ */.jPO),
  DeleteIndexPolicy$: () => (/* reexport */ schemas_0/* DeleteIndexPolicy$ */.y6O),
  DeleteIndexPolicyCommand: () => (/* reexport */ DeleteIndexPolicyCommand),
  DeleteIndexPolicyRequest$: () => (/* reexport */ schemas_0/* DeleteIndexPolicyRequest$ */.Z$z),
  DeleteIndexPolicyResponse$: () => (/* reexport */ schemas_0/* DeleteIndexPolicyResponse$ */.ZyB),
  DeleteIntegration$: () => (/* reexport */ schemas_0/* DeleteIntegration$ */.mQC),
  DeleteIntegrationCommand: () => (/* reexport */ DeleteIntegrationCommand),
  DeleteIntegrationRequest$: () => (/* reexport */ schemas_0/* DeleteIntegrationRequest$ */.ZP1),
  DeleteIntegrationResponse$: () => (/* reexport */ schemas_0/* DeleteIntegrationResponse$ */.nNC),
  DeleteKeys$: () => (/* reexport */ schemas_0/* DeleteKeys$ */.Mcp),
  DeleteLogAnomalyDetector$: () => (/* reexport */ schemas_0/* DeleteLogAnomalyDetector$ */.j18),
  DeleteLogAnomalyDetectorCommand: () => (/* reexport */ DeleteLogAnomalyDetectorCommand),
  DeleteLogAnomalyDetectorRequest$: () => (/* reexport */ schemas_0/* DeleteLogAnomalyDetectorRequest$ */.CMz),
  DeleteLogGroup$: () => (/* reexport */ schemas_0/* DeleteLogGroup$ */.Vao),
  DeleteLogGroupCommand: () => (/* reexport */ DeleteLogGroupCommand),
  DeleteLogGroupRequest$: () => (/* reexport */ schemas_0/* DeleteLogGroupRequest$ */.UNh),
  DeleteLogStream$: () => (/* reexport */ schemas_0/* DeleteLogStream$ */.g1C),
  DeleteLogStreamCommand: () => (/* reexport */ DeleteLogStreamCommand),
  DeleteLogStreamRequest$: () => (/* reexport */ schemas_0/* DeleteLogStreamRequest$ */.lRA),
  DeleteLookupTable$: () => (/* reexport */ schemas_0/* DeleteLookupTable$ */.kpH),
  DeleteLookupTableCommand: () => (/* reexport */ DeleteLookupTableCommand),
  DeleteLookupTableRequest$: () => (/* reexport */ schemas_0/* DeleteLookupTableRequest$ */.d3s),
  DeleteMetricFilter$: () => (/* reexport */ schemas_0/* DeleteMetricFilter$ */.Gk3),
  DeleteMetricFilterCommand: () => (/* reexport */ DeleteMetricFilterCommand),
  DeleteMetricFilterRequest$: () => (/* reexport */ schemas_0/* DeleteMetricFilterRequest$ */.FrZ),
  DeleteQueryDefinition$: () => (/* reexport */ schemas_0/* DeleteQueryDefinition$ */.R8M),
  DeleteQueryDefinitionCommand: () => (/* reexport */ DeleteQueryDefinitionCommand),
  DeleteQueryDefinitionRequest$: () => (/* reexport */ schemas_0/* DeleteQueryDefinitionRequest$ */.KG8),
  DeleteQueryDefinitionResponse$: () => (/* reexport */ schemas_0/* DeleteQueryDefinitionResponse$ */.Kg3),
  DeleteResourcePolicy$: () => (/* reexport */ schemas_0/* DeleteResourcePolicy$ */.cfZ),
  DeleteResourcePolicyCommand: () => (/* reexport */ DeleteResourcePolicyCommand),
  DeleteResourcePolicyRequest$: () => (/* reexport */ schemas_0/* DeleteResourcePolicyRequest$ */.ra$),
  DeleteRetentionPolicy$: () => (/* reexport */ schemas_0/* DeleteRetentionPolicy$ */.QEH),
  DeleteRetentionPolicyCommand: () => (/* reexport */ DeleteRetentionPolicyCommand),
  DeleteRetentionPolicyRequest$: () => (/* reexport */ schemas_0/* DeleteRetentionPolicyRequest$ */.TvE),
  DeleteScheduledQuery$: () => (/* reexport */ schemas_0/* DeleteScheduledQuery$ */.VQT),
  DeleteScheduledQueryCommand: () => (/* reexport */ DeleteScheduledQueryCommand),
  DeleteScheduledQueryRequest$: () => (/* reexport */ schemas_0/* DeleteScheduledQueryRequest$ */._0$),
  DeleteScheduledQueryResponse$: () => (/* reexport */ schemas_0/* DeleteScheduledQueryResponse$ */.ySH),
  DeleteSubscriptionFilter$: () => (/* reexport */ schemas_0/* DeleteSubscriptionFilter$ */.tJH),
  DeleteSubscriptionFilterCommand: () => (/* reexport */ DeleteSubscriptionFilterCommand),
  DeleteSubscriptionFilterRequest$: () => (/* reexport */ schemas_0/* DeleteSubscriptionFilterRequest$ */._zo),
  DeleteSyslogConfiguration$: () => (/* reexport */ schemas_0/* DeleteSyslogConfiguration$ */.TbP),
  DeleteSyslogConfigurationCommand: () => (/* reexport */ DeleteSyslogConfigurationCommand),
  DeleteSyslogConfigurationRequest$: () => (/* reexport */ schemas_0/* DeleteSyslogConfigurationRequest$ */.Uzx),
  DeleteTransformer$: () => (/* reexport */ schemas_0/* DeleteTransformer$ */.lfl),
  DeleteTransformerCommand: () => (/* reexport */ DeleteTransformerCommand),
  DeleteTransformerRequest$: () => (/* reexport */ schemas_0/* DeleteTransformerRequest$ */.GHj),
  Delivery$: () => (/* reexport */ schemas_0/* Delivery$ */.H86),
  DeliveryDestination$: () => (/* reexport */ schemas_0/* DeliveryDestination$ */.VwY),
  DeliveryDestinationConfiguration$: () => (/* reexport */ schemas_0/* DeliveryDestinationConfiguration$ */.H7K),
  DeliveryDestinationType: () => (/* reexport */ DeliveryDestinationType),
  DeliverySource$: () => (/* reexport */ schemas_0/* DeliverySource$ */.m4Z),
  DeliverySourceConfigurationSchema$: () => (/* reexport */ schemas_0/* DeliverySourceConfigurationSchema$ */.vEf),
  DeliverySourceConfigurationSchemaValueType: () => (/* reexport */ DeliverySourceConfigurationSchemaValueType),
  DeliverySourceStatus: () => (/* reexport */ DeliverySourceStatus),
  DeliverySourceStatusReason: () => (/* reexport */ DeliverySourceStatusReason),
  DescribeAccountPolicies$: () => (/* reexport */ schemas_0/* DescribeAccountPolicies$ */.rCV),
  DescribeAccountPoliciesCommand: () => (/* reexport */ DescribeAccountPoliciesCommand),
  DescribeAccountPoliciesRequest$: () => (/* reexport */ schemas_0/* DescribeAccountPoliciesRequest$ */.swA),
  DescribeAccountPoliciesResponse$: () => (/* reexport */ schemas_0/* DescribeAccountPoliciesResponse$ */.W$T),
  DescribeConfigurationTemplates$: () => (/* reexport */ schemas_0/* DescribeConfigurationTemplates$ */.fQY),
  DescribeConfigurationTemplatesCommand: () => (/* reexport */ DescribeConfigurationTemplatesCommand),
  DescribeConfigurationTemplatesRequest$: () => (/* reexport */ schemas_0/* DescribeConfigurationTemplatesRequest$ */.kMI),
  DescribeConfigurationTemplatesResponse$: () => (/* reexport */ schemas_0/* DescribeConfigurationTemplatesResponse$ */.WRo),
  DescribeDeliveries$: () => (/* reexport */ schemas_0/* DescribeDeliveries$ */.cT_),
  DescribeDeliveriesCommand: () => (/* reexport */ DescribeDeliveriesCommand),
  DescribeDeliveriesRequest$: () => (/* reexport */ schemas_0/* DescribeDeliveriesRequest$ */.BPr),
  DescribeDeliveriesResponse$: () => (/* reexport */ schemas_0/* DescribeDeliveriesResponse$ */.PX6),
  DescribeDeliveryDestinations$: () => (/* reexport */ schemas_0/* DescribeDeliveryDestinations$ */.vOw),
  DescribeDeliveryDestinationsCommand: () => (/* reexport */ DescribeDeliveryDestinationsCommand),
  DescribeDeliveryDestinationsRequest$: () => (/* reexport */ schemas_0/* DescribeDeliveryDestinationsRequest$ */.C1w),
  DescribeDeliveryDestinationsResponse$: () => (/* reexport */ schemas_0/* DescribeDeliveryDestinationsResponse$ */.Eub),
  DescribeDeliverySources$: () => (/* reexport */ schemas_0/* DescribeDeliverySources$ */.iDs),
  DescribeDeliverySourcesCommand: () => (/* reexport */ DescribeDeliverySourcesCommand),
  DescribeDeliverySourcesRequest$: () => (/* reexport */ schemas_0/* DescribeDeliverySourcesRequest$ */.$TD),
  DescribeDeliverySourcesResponse$: () => (/* reexport */ schemas_0/* DescribeDeliverySourcesResponse$ */.rud),
  DescribeDestinations$: () => (/* reexport */ schemas_0/* DescribeDestinations$ */.rsf),
  DescribeDestinationsCommand: () => (/* reexport */ DescribeDestinationsCommand),
  DescribeDestinationsRequest$: () => (/* reexport */ schemas_0/* DescribeDestinationsRequest$ */.yxN),
  DescribeDestinationsResponse$: () => (/* reexport */ schemas_0/* DescribeDestinationsResponse$ */.qTr),
  DescribeExportTasks$: () => (/* reexport */ schemas_0/* DescribeExportTasks$ */.Ujv),
  DescribeExportTasksCommand: () => (/* reexport */ DescribeExportTasksCommand),
  DescribeExportTasksRequest$: () => (/* reexport */ schemas_0/* DescribeExportTasksRequest$ */.tpc),
  DescribeExportTasksResponse$: () => (/* reexport */ schemas_0/* DescribeExportTasksResponse$ */.zVM),
  DescribeFieldIndexes$: () => (/* reexport */ schemas_0/* DescribeFieldIndexes$ */.kjl),
  DescribeFieldIndexesCommand: () => (/* reexport */ DescribeFieldIndexesCommand),
  DescribeFieldIndexesRequest$: () => (/* reexport */ schemas_0/* DescribeFieldIndexesRequest$ */.FRu),
  DescribeFieldIndexesResponse$: () => (/* reexport */ schemas_0/* DescribeFieldIndexesResponse$ */.HLt),
  DescribeImportTaskBatches$: () => (/* reexport */ schemas_0/* DescribeImportTaskBatches$ */.ykB),
  DescribeImportTaskBatchesCommand: () => (/* reexport */ DescribeImportTaskBatchesCommand),
  DescribeImportTaskBatchesRequest$: () => (/* reexport */ schemas_0/* DescribeImportTaskBatchesRequest$ */.pf9),
  DescribeImportTaskBatchesResponse$: () => (/* reexport */ schemas_0/* DescribeImportTaskBatchesResponse$ */.BSZ),
  DescribeImportTasks$: () => (/* reexport */ schemas_0/* DescribeImportTasks$ */.Pmv),
  DescribeImportTasksCommand: () => (/* reexport */ DescribeImportTasksCommand),
  DescribeImportTasksRequest$: () => (/* reexport */ schemas_0/* DescribeImportTasksRequest$ */.SBk),
  DescribeImportTasksResponse$: () => (/* reexport */ schemas_0/* DescribeImportTasksResponse$ */._Dv),
  DescribeIndexPolicies$: () => (/* reexport */ schemas_0/* DescribeIndexPolicies$ */.Q0H),
  DescribeIndexPoliciesCommand: () => (/* reexport */ DescribeIndexPoliciesCommand),
  DescribeIndexPoliciesRequest$: () => (/* reexport */ schemas_0/* DescribeIndexPoliciesRequest$ */.$Jz),
  DescribeIndexPoliciesResponse$: () => (/* reexport */ schemas_0/* DescribeIndexPoliciesResponse$ */.DCK),
  DescribeLogGroups$: () => (/* reexport */ schemas_0/* DescribeLogGroups$ */.aTt),
  DescribeLogGroupsCommand: () => (/* reexport */ DescribeLogGroupsCommand),
  DescribeLogGroupsRequest$: () => (/* reexport */ schemas_0/* DescribeLogGroupsRequest$ */.TvQ),
  DescribeLogGroupsResponse$: () => (/* reexport */ schemas_0/* DescribeLogGroupsResponse$ */.je2),
  DescribeLogStreams$: () => (/* reexport */ schemas_0/* DescribeLogStreams$ */.TJH),
  DescribeLogStreamsCommand: () => (/* reexport */ DescribeLogStreamsCommand),
  DescribeLogStreamsRequest$: () => (/* reexport */ schemas_0/* DescribeLogStreamsRequest$ */.Oqi),
  DescribeLogStreamsResponse$: () => (/* reexport */ schemas_0/* DescribeLogStreamsResponse$ */.oXj),
  DescribeLookupTables$: () => (/* reexport */ schemas_0/* DescribeLookupTables$ */.ZIA),
  DescribeLookupTablesCommand: () => (/* reexport */ DescribeLookupTablesCommand),
  DescribeLookupTablesRequest$: () => (/* reexport */ schemas_0/* DescribeLookupTablesRequest$ */.Ib$),
  DescribeLookupTablesResponse$: () => (/* reexport */ schemas_0/* DescribeLookupTablesResponse$ */._ay),
  DescribeMetricFilters$: () => (/* reexport */ schemas_0/* DescribeMetricFilters$ */.jtq),
  DescribeMetricFiltersCommand: () => (/* reexport */ DescribeMetricFiltersCommand),
  DescribeMetricFiltersRequest$: () => (/* reexport */ schemas_0/* DescribeMetricFiltersRequest$ */.SaO),
  DescribeMetricFiltersResponse$: () => (/* reexport */ schemas_0/* DescribeMetricFiltersResponse$ */.Qb8),
  DescribeQueries$: () => (/* reexport */ schemas_0/* DescribeQueries$ */.sxe),
  DescribeQueriesCommand: () => (/* reexport */ DescribeQueriesCommand),
  DescribeQueriesRequest$: () => (/* reexport */ schemas_0/* DescribeQueriesRequest$ */.nKB),
  DescribeQueriesResponse$: () => (/* reexport */ schemas_0/* DescribeQueriesResponse$ */.nLr),
  DescribeQueryDefinitions$: () => (/* reexport */ schemas_0/* DescribeQueryDefinitions$ */.o8E),
  DescribeQueryDefinitionsCommand: () => (/* reexport */ DescribeQueryDefinitionsCommand),
  DescribeQueryDefinitionsRequest$: () => (/* reexport */ schemas_0/* DescribeQueryDefinitionsRequest$ */.zVw),
  DescribeQueryDefinitionsResponse$: () => (/* reexport */ schemas_0/* DescribeQueryDefinitionsResponse$ */.vMr),
  DescribeResourcePolicies$: () => (/* reexport */ schemas_0/* DescribeResourcePolicies$ */.IS$),
  DescribeResourcePoliciesCommand: () => (/* reexport */ DescribeResourcePoliciesCommand),
  DescribeResourcePoliciesRequest$: () => (/* reexport */ schemas_0/* DescribeResourcePoliciesRequest$ */.b1T),
  DescribeResourcePoliciesResponse$: () => (/* reexport */ schemas_0/* DescribeResourcePoliciesResponse$ */.pTK),
  DescribeSubscriptionFilters$: () => (/* reexport */ schemas_0/* DescribeSubscriptionFilters$ */.M9y),
  DescribeSubscriptionFiltersCommand: () => (/* reexport */ DescribeSubscriptionFiltersCommand),
  DescribeSubscriptionFiltersRequest$: () => (/* reexport */ schemas_0/* DescribeSubscriptionFiltersRequest$ */.FLP),
  DescribeSubscriptionFiltersResponse$: () => (/* reexport */ schemas_0/* DescribeSubscriptionFiltersResponse$ */.f1R),
  Destination$: () => (/* reexport */ schemas_0/* Destination$ */.$fk),
  DestinationConfiguration$: () => (/* reexport */ schemas_0/* DestinationConfiguration$ */.daE),
  DisassociateKmsKey$: () => (/* reexport */ schemas_0/* DisassociateKmsKey$ */.fFO),
  DisassociateKmsKeyCommand: () => (/* reexport */ DisassociateKmsKeyCommand),
  DisassociateKmsKeyRequest$: () => (/* reexport */ schemas_0/* DisassociateKmsKeyRequest$ */.q0g),
  DisassociateSourceFromS3TableIntegration$: () => (/* reexport */ schemas_0/* DisassociateSourceFromS3TableIntegration$ */.QmL),
  DisassociateSourceFromS3TableIntegrationCommand: () => (/* reexport */ DisassociateSourceFromS3TableIntegrationCommand),
  DisassociateSourceFromS3TableIntegrationRequest$: () => (/* reexport */ schemas_0/* DisassociateSourceFromS3TableIntegrationRequest$ */.$Bl),
  DisassociateSourceFromS3TableIntegrationResponse$: () => (/* reexport */ schemas_0/* DisassociateSourceFromS3TableIntegrationResponse$ */.Du_),
  Distribution: () => (/* reexport */ Distribution),
  DryRunResult$: () => (/* reexport */ schemas_0/* DryRunResult$ */.MgS),
  Entity$: () => (/* reexport */ schemas_0/* Entity$ */.sco),
  EntityRejectionErrorType: () => (/* reexport */ EntityRejectionErrorType),
  EvaluationFrequency: () => (/* reexport */ EvaluationFrequency),
  EventSource: () => (/* reexport */ EventSource),
  ExecutionStatus: () => (/* reexport */ ExecutionStatus),
  ExportTask$: () => (/* reexport */ schemas_0/* ExportTask$ */.s2E),
  ExportTaskExecutionInfo$: () => (/* reexport */ schemas_0/* ExportTaskExecutionInfo$ */.ENF),
  ExportTaskStatus$: () => (/* reexport */ schemas_0/* ExportTaskStatus$ */.MZD),
  ExportTaskStatusCode: () => (/* reexport */ ExportTaskStatusCode),
  FieldIndex$: () => (/* reexport */ schemas_0/* FieldIndex$ */.xpA),
  FieldsData$: () => (/* reexport */ schemas_0/* FieldsData$ */.S2p),
  FilterLogEvents$: () => (/* reexport */ schemas_0/* FilterLogEvents$ */.YgU),
  FilterLogEventsCommand: () => (/* reexport */ FilterLogEventsCommand),
  FilterLogEventsRequest$: () => (/* reexport */ schemas_0/* FilterLogEventsRequest$ */.h6h),
  FilterLogEventsResponse$: () => (/* reexport */ schemas_0/* FilterLogEventsResponse$ */.Jb0),
  FilteredLogEvent$: () => (/* reexport */ schemas_0/* FilteredLogEvent$ */.S_O),
  FlattenedElement: () => (/* reexport */ FlattenedElement),
  GetDataProtectionPolicy$: () => (/* reexport */ schemas_0/* GetDataProtectionPolicy$ */.g0S),
  GetDataProtectionPolicyCommand: () => (/* reexport */ GetDataProtectionPolicyCommand),
  GetDataProtectionPolicyRequest$: () => (/* reexport */ schemas_0/* GetDataProtectionPolicyRequest$ */.jRL),
  GetDataProtectionPolicyResponse$: () => (/* reexport */ schemas_0/* GetDataProtectionPolicyResponse$ */.VBk),
  GetDelivery$: () => (/* reexport */ schemas_0/* GetDelivery$ */.fjx),
  GetDeliveryCommand: () => (/* reexport */ GetDeliveryCommand),
  GetDeliveryDestination$: () => (/* reexport */ schemas_0/* GetDeliveryDestination$ */.H46),
  GetDeliveryDestinationCommand: () => (/* reexport */ GetDeliveryDestinationCommand),
  GetDeliveryDestinationPolicy$: () => (/* reexport */ schemas_0/* GetDeliveryDestinationPolicy$ */.XFN),
  GetDeliveryDestinationPolicyCommand: () => (/* reexport */ GetDeliveryDestinationPolicyCommand),
  GetDeliveryDestinationPolicyRequest$: () => (/* reexport */ schemas_0/* GetDeliveryDestinationPolicyRequest$ */.QBp),
  GetDeliveryDestinationPolicyResponse$: () => (/* reexport */ schemas_0/* GetDeliveryDestinationPolicyResponse$ */.oZS),
  GetDeliveryDestinationRequest$: () => (/* reexport */ schemas_0/* GetDeliveryDestinationRequest$ */.wm8),
  GetDeliveryDestinationResponse$: () => (/* reexport */ schemas_0/* GetDeliveryDestinationResponse$ */.G7K),
  GetDeliveryRequest$: () => (/* reexport */ schemas_0/* GetDeliveryRequest$ */.Cit),
  GetDeliveryResponse$: () => (/* reexport */ schemas_0/* GetDeliveryResponse$ */.C2k),
  GetDeliverySource$: () => (/* reexport */ schemas_0/* GetDeliverySource$ */.OLU),
  GetDeliverySourceCommand: () => (/* reexport */ GetDeliverySourceCommand),
  GetDeliverySourceRequest$: () => (/* reexport */ schemas_0/* GetDeliverySourceRequest$ */.DP5),
  GetDeliverySourceResponse$: () => (/* reexport */ schemas_0/* GetDeliverySourceResponse$ */.LUI),
  GetIntegration$: () => (/* reexport */ schemas_0/* GetIntegration$ */.JmE),
  GetIntegrationCommand: () => (/* reexport */ GetIntegrationCommand),
  GetIntegrationRequest$: () => (/* reexport */ schemas_0/* GetIntegrationRequest$ */.iMV),
  GetIntegrationResponse$: () => (/* reexport */ schemas_0/* GetIntegrationResponse$ */.ID5),
  GetLogAnomalyDetector$: () => (/* reexport */ schemas_0/* GetLogAnomalyDetector$ */.EoJ),
  GetLogAnomalyDetectorCommand: () => (/* reexport */ GetLogAnomalyDetectorCommand),
  GetLogAnomalyDetectorRequest$: () => (/* reexport */ schemas_0/* GetLogAnomalyDetectorRequest$ */.xOb),
  GetLogAnomalyDetectorResponse$: () => (/* reexport */ schemas_0/* GetLogAnomalyDetectorResponse$ */.d7b),
  GetLogEvents$: () => (/* reexport */ schemas_0/* GetLogEvents$ */.IU$),
  GetLogEventsCommand: () => (/* reexport */ GetLogEventsCommand),
  GetLogEventsRequest$: () => (/* reexport */ schemas_0/* GetLogEventsRequest$ */.RuK),
  GetLogEventsResponse$: () => (/* reexport */ schemas_0/* GetLogEventsResponse$ */.lvI),
  GetLogFields$: () => (/* reexport */ schemas_0/* GetLogFields$ */.kGU),
  GetLogFieldsCommand: () => (/* reexport */ GetLogFieldsCommand),
  GetLogFieldsRequest$: () => (/* reexport */ schemas_0/* GetLogFieldsRequest$ */.hS6),
  GetLogFieldsResponse$: () => (/* reexport */ schemas_0/* GetLogFieldsResponse$ */.LmQ),
  GetLogGroupFields$: () => (/* reexport */ schemas_0/* GetLogGroupFields$ */.$Rh),
  GetLogGroupFieldsCommand: () => (/* reexport */ GetLogGroupFieldsCommand),
  GetLogGroupFieldsRequest$: () => (/* reexport */ schemas_0/* GetLogGroupFieldsRequest$ */.aOl),
  GetLogGroupFieldsResponse$: () => (/* reexport */ schemas_0/* GetLogGroupFieldsResponse$ */.aAC),
  GetLogObject$: () => (/* reexport */ schemas_0/* GetLogObject$ */.ucp),
  GetLogObjectCommand: () => (/* reexport */ GetLogObjectCommand),
  GetLogObjectRequest$: () => (/* reexport */ schemas_0/* GetLogObjectRequest$ */.RrO),
  GetLogObjectResponse$: () => (/* reexport */ schemas_0/* GetLogObjectResponse$ */.n7j),
  GetLogObjectResponseStream$: () => (/* reexport */ schemas_0/* GetLogObjectResponseStream$ */.NGh),
  GetLogRecord$: () => (/* reexport */ schemas_0/* GetLogRecord$ */.YSI),
  GetLogRecordCommand: () => (/* reexport */ GetLogRecordCommand),
  GetLogRecordRequest$: () => (/* reexport */ schemas_0/* GetLogRecordRequest$ */.dAn),
  GetLogRecordResponse$: () => (/* reexport */ schemas_0/* GetLogRecordResponse$ */.Xcg),
  GetLookupTable$: () => (/* reexport */ schemas_0/* GetLookupTable$ */.T30),
  GetLookupTableCommand: () => (/* reexport */ GetLookupTableCommand),
  GetLookupTableRequest$: () => (/* reexport */ schemas_0/* GetLookupTableRequest$ */.kjg),
  GetLookupTableResponse$: () => (/* reexport */ schemas_0/* GetLookupTableResponse$ */.QlA),
  GetQueryResults$: () => (/* reexport */ schemas_0/* GetQueryResults$ */.vYG),
  GetQueryResultsCommand: () => (/* reexport */ GetQueryResultsCommand),
  GetQueryResultsRequest$: () => (/* reexport */ schemas_0/* GetQueryResultsRequest$ */.OPg),
  GetQueryResultsResponse$: () => (/* reexport */ schemas_0/* GetQueryResultsResponse$ */.Cjk),
  GetScheduledQuery$: () => (/* reexport */ schemas_0/* GetScheduledQuery$ */.gul),
  GetScheduledQueryCommand: () => (/* reexport */ GetScheduledQueryCommand),
  GetScheduledQueryHistory$: () => (/* reexport */ schemas_0/* GetScheduledQueryHistory$ */.e$2),
  GetScheduledQueryHistoryCommand: () => (/* reexport */ GetScheduledQueryHistoryCommand),
  GetScheduledQueryHistoryRequest$: () => (/* reexport */ schemas_0/* GetScheduledQueryHistoryRequest$ */.JSx),
  GetScheduledQueryHistoryResponse$: () => (/* reexport */ schemas_0/* GetScheduledQueryHistoryResponse$ */.Pmh),
  GetScheduledQueryRequest$: () => (/* reexport */ schemas_0/* GetScheduledQueryRequest$ */.r$6),
  GetScheduledQueryResponse$: () => (/* reexport */ schemas_0/* GetScheduledQueryResponse$ */.dDn),
  GetStorageTierPolicy$: () => (/* reexport */ schemas_0/* GetStorageTierPolicy$ */.o4e),
  GetStorageTierPolicyCommand: () => (/* reexport */ GetStorageTierPolicyCommand),
  GetStorageTierPolicyRequest$: () => (/* reexport */ schemas_0/* GetStorageTierPolicyRequest$ */.PRs),
  GetStorageTierPolicyResponse$: () => (/* reexport */ schemas_0/* GetStorageTierPolicyResponse$ */.$sK),
  GetTransformer$: () => (/* reexport */ schemas_0/* GetTransformer$ */.QcP),
  GetTransformerCommand: () => (/* reexport */ GetTransformerCommand),
  GetTransformerRequest$: () => (/* reexport */ schemas_0/* GetTransformerRequest$ */.Htu),
  GetTransformerResponse$: () => (/* reexport */ schemas_0/* GetTransformerResponse$ */.buy),
  Grok$: () => (/* reexport */ schemas_0/* Grok$ */.uLv),
  GroupingIdentifier$: () => (/* reexport */ schemas_0/* GroupingIdentifier$ */.nXH),
  Import$: () => (/* reexport */ schemas_0/* Import$ */.S_x),
  ImportBatch$: () => (/* reexport */ schemas_0/* ImportBatch$ */.Ijb),
  ImportFilter$: () => (/* reexport */ schemas_0/* ImportFilter$ */.ipF),
  ImportStatistics$: () => (/* reexport */ schemas_0/* ImportStatistics$ */.Ra2),
  ImportStatus: () => (/* reexport */ ImportStatus),
  IndexCategory: () => (/* reexport */ IndexCategory),
  IndexPolicy$: () => (/* reexport */ schemas_0/* IndexPolicy$ */.bGn),
  IndexSource: () => (/* reexport */ IndexSource),
  IndexType: () => (/* reexport */ IndexType),
  InheritedProperty: () => (/* reexport */ InheritedProperty),
  InputLogEvent$: () => (/* reexport */ schemas_0/* InputLogEvent$ */.tJO),
  IntegrationDetails$: () => (/* reexport */ schemas_0/* IntegrationDetails$ */.LIp),
  IntegrationStatus: () => (/* reexport */ IntegrationStatus),
  IntegrationSummary$: () => (/* reexport */ schemas_0/* IntegrationSummary$ */.zvl),
  IntegrationType: () => (/* reexport */ IntegrationType),
  InternalServerException: () => (/* reexport */ errors/* InternalServerException */.GI),
  InternalServerException$: () => (/* reexport */ schemas_0/* InternalServerException$ */.yC_),
  InternalStreamingException: () => (/* reexport */ errors/* InternalStreamingException */.D9),
  InternalStreamingException$: () => (/* reexport */ schemas_0/* InternalStreamingException$ */.LGr),
  InvalidOperationException: () => (/* reexport */ errors/* InvalidOperationException */.Ei),
  InvalidOperationException$: () => (/* reexport */ schemas_0/* InvalidOperationException$ */.YA6),
  InvalidParameterException: () => (/* reexport */ errors/* InvalidParameterException */.kT),
  InvalidParameterException$: () => (/* reexport */ schemas_0/* InvalidParameterException$ */.qcq),
  InvalidSequenceTokenException: () => (/* reexport */ errors/* InvalidSequenceTokenException */.rm),
  InvalidSequenceTokenException$: () => (/* reexport */ schemas_0/* InvalidSequenceTokenException$ */.lUG),
  LimitExceededException: () => (/* reexport */ errors/* LimitExceededException */.UC),
  LimitExceededException$: () => (/* reexport */ schemas_0/* LimitExceededException$ */.qrA),
  ListAggregateLogGroupSummaries$: () => (/* reexport */ schemas_0/* ListAggregateLogGroupSummaries$ */.bx3),
  ListAggregateLogGroupSummariesCommand: () => (/* reexport */ ListAggregateLogGroupSummariesCommand),
  ListAggregateLogGroupSummariesGroupBy: () => (/* reexport */ ListAggregateLogGroupSummariesGroupBy),
  ListAggregateLogGroupSummariesRequest$: () => (/* reexport */ schemas_0/* ListAggregateLogGroupSummariesRequest$ */.qIj),
  ListAggregateLogGroupSummariesResponse$: () => (/* reexport */ schemas_0/* ListAggregateLogGroupSummariesResponse$ */.sD4),
  ListAnomalies$: () => (/* reexport */ schemas_0/* ListAnomalies$ */.cCu),
  ListAnomaliesCommand: () => (/* reexport */ ListAnomaliesCommand),
  ListAnomaliesRequest$: () => (/* reexport */ schemas_0/* ListAnomaliesRequest$ */.ZAU),
  ListAnomaliesResponse$: () => (/* reexport */ schemas_0/* ListAnomaliesResponse$ */.Njr),
  ListIntegrations$: () => (/* reexport */ schemas_0/* ListIntegrations$ */.iJG),
  ListIntegrationsCommand: () => (/* reexport */ ListIntegrationsCommand),
  ListIntegrationsRequest$: () => (/* reexport */ schemas_0/* ListIntegrationsRequest$ */.h8l),
  ListIntegrationsResponse$: () => (/* reexport */ schemas_0/* ListIntegrationsResponse$ */.bYZ),
  ListLogAnomalyDetectors$: () => (/* reexport */ schemas_0/* ListLogAnomalyDetectors$ */.rW4),
  ListLogAnomalyDetectorsCommand: () => (/* reexport */ ListLogAnomalyDetectorsCommand),
  ListLogAnomalyDetectorsRequest$: () => (/* reexport */ schemas_0/* ListLogAnomalyDetectorsRequest$ */.QUY),
  ListLogAnomalyDetectorsResponse$: () => (/* reexport */ schemas_0/* ListLogAnomalyDetectorsResponse$ */.gs0),
  ListLogGroups$: () => (/* reexport */ schemas_0/* ListLogGroups$ */.jaJ),
  ListLogGroupsCommand: () => (/* reexport */ ListLogGroupsCommand),
  ListLogGroupsForQuery$: () => (/* reexport */ schemas_0/* ListLogGroupsForQuery$ */.kjZ),
  ListLogGroupsForQueryCommand: () => (/* reexport */ ListLogGroupsForQueryCommand),
  ListLogGroupsForQueryRequest$: () => (/* reexport */ schemas_0/* ListLogGroupsForQueryRequest$ */.Pmd),
  ListLogGroupsForQueryResponse$: () => (/* reexport */ schemas_0/* ListLogGroupsForQueryResponse$ */.dcy),
  ListLogGroupsRequest$: () => (/* reexport */ schemas_0/* ListLogGroupsRequest$ */.cgH),
  ListLogGroupsResponse$: () => (/* reexport */ schemas_0/* ListLogGroupsResponse$ */.YKO),
  ListScheduledQueries$: () => (/* reexport */ schemas_0/* ListScheduledQueries$ */.iyO),
  ListScheduledQueriesCommand: () => (/* reexport */ ListScheduledQueriesCommand),
  ListScheduledQueriesRequest$: () => (/* reexport */ schemas_0/* ListScheduledQueriesRequest$ */.TQL),
  ListScheduledQueriesResponse$: () => (/* reexport */ schemas_0/* ListScheduledQueriesResponse$ */.Vm$),
  ListSourcesForS3TableIntegration$: () => (/* reexport */ schemas_0/* ListSourcesForS3TableIntegration$ */.KMH),
  ListSourcesForS3TableIntegrationCommand: () => (/* reexport */ ListSourcesForS3TableIntegrationCommand),
  ListSourcesForS3TableIntegrationRequest$: () => (/* reexport */ schemas_0/* ListSourcesForS3TableIntegrationRequest$ */.BTd),
  ListSourcesForS3TableIntegrationResponse$: () => (/* reexport */ schemas_0/* ListSourcesForS3TableIntegrationResponse$ */.zvz),
  ListSyslogConfigurations$: () => (/* reexport */ schemas_0/* ListSyslogConfigurations$ */.vVP),
  ListSyslogConfigurationsCommand: () => (/* reexport */ ListSyslogConfigurationsCommand),
  ListSyslogConfigurationsRequest$: () => (/* reexport */ schemas_0/* ListSyslogConfigurationsRequest$ */.GKT),
  ListSyslogConfigurationsResponse$: () => (/* reexport */ schemas_0/* ListSyslogConfigurationsResponse$ */.kFT),
  ListTagsForResource$: () => (/* reexport */ schemas_0/* ListTagsForResource$ */.Tzn),
  ListTagsForResourceCommand: () => (/* reexport */ ListTagsForResourceCommand),
  ListTagsForResourceRequest$: () => (/* reexport */ schemas_0/* ListTagsForResourceRequest$ */.SKK),
  ListTagsForResourceResponse$: () => (/* reexport */ schemas_0/* ListTagsForResourceResponse$ */.Kwq),
  ListTagsLogGroup$: () => (/* reexport */ schemas_0/* ListTagsLogGroup$ */.HQV),
  ListTagsLogGroupCommand: () => (/* reexport */ ListTagsLogGroupCommand),
  ListTagsLogGroupRequest$: () => (/* reexport */ schemas_0/* ListTagsLogGroupRequest$ */.gss),
  ListTagsLogGroupResponse$: () => (/* reexport */ schemas_0/* ListTagsLogGroupResponse$ */.avr),
  ListToMap$: () => (/* reexport */ schemas_0/* ListToMap$ */.O$q),
  LiveTailSessionLogEvent$: () => (/* reexport */ schemas_0/* LiveTailSessionLogEvent$ */.tXP),
  LiveTailSessionMetadata$: () => (/* reexport */ schemas_0/* LiveTailSessionMetadata$ */.oWN),
  LiveTailSessionStart$: () => (/* reexport */ schemas_0/* LiveTailSessionStart$ */.lPS),
  LiveTailSessionUpdate$: () => (/* reexport */ schemas_0/* LiveTailSessionUpdate$ */.gQH),
  LogEvent$: () => (/* reexport */ schemas_0/* LogEvent$ */.NyB),
  LogFieldType$: () => (/* reexport */ schemas_0/* LogFieldType$ */.$NG),
  LogFieldsListItem$: () => (/* reexport */ schemas_0/* LogFieldsListItem$ */.tWX),
  LogGroup$: () => (/* reexport */ schemas_0/* LogGroup$ */.AJM),
  LogGroupClass: () => (/* reexport */ LogGroupClass),
  LogGroupField$: () => (/* reexport */ schemas_0/* LogGroupField$ */.Co5),
  LogGroupImpact$: () => (/* reexport */ schemas_0/* LogGroupImpact$ */.yPf),
  LogGroupSummary$: () => (/* reexport */ schemas_0/* LogGroupSummary$ */.OYs),
  LogStream$: () => (/* reexport */ schemas_0/* LogStream$ */.ney),
  LookupTable$: () => (/* reexport */ schemas_0/* LookupTable$ */.Z1c),
  LookupTableConfiguration$: () => (/* reexport */ schemas_0/* LookupTableConfiguration$ */.j2L),
  LowerCaseString$: () => (/* reexport */ schemas_0/* LowerCaseString$ */.vzG),
  MalformedQueryException: () => (/* reexport */ errors/* MalformedQueryException */.B9),
  MalformedQueryException$: () => (/* reexport */ schemas_0/* MalformedQueryException$ */.rfo),
  MetricFilter$: () => (/* reexport */ schemas_0/* MetricFilter$ */.Xf_),
  MetricFilterMatchRecord$: () => (/* reexport */ schemas_0/* MetricFilterMatchRecord$ */.$0n),
  MetricTransformation$: () => (/* reexport */ schemas_0/* MetricTransformation$ */.KoX),
  MoveKeyEntry$: () => (/* reexport */ schemas_0/* MoveKeyEntry$ */.lHM),
  MoveKeys$: () => (/* reexport */ schemas_0/* MoveKeys$ */.KiM),
  OCSFVersion: () => (/* reexport */ OCSFVersion),
  OpenSearchApplication$: () => (/* reexport */ schemas_0/* OpenSearchApplication$ */.tbo),
  OpenSearchCollection$: () => (/* reexport */ schemas_0/* OpenSearchCollection$ */.hHe),
  OpenSearchDataAccessPolicy$: () => (/* reexport */ schemas_0/* OpenSearchDataAccessPolicy$ */.NV8),
  OpenSearchDataSource$: () => (/* reexport */ schemas_0/* OpenSearchDataSource$ */.K0G),
  OpenSearchEncryptionPolicy$: () => (/* reexport */ schemas_0/* OpenSearchEncryptionPolicy$ */.si1),
  OpenSearchIntegrationDetails$: () => (/* reexport */ schemas_0/* OpenSearchIntegrationDetails$ */.bqm),
  OpenSearchLifecyclePolicy$: () => (/* reexport */ schemas_0/* OpenSearchLifecyclePolicy$ */.Zxj),
  OpenSearchNetworkPolicy$: () => (/* reexport */ schemas_0/* OpenSearchNetworkPolicy$ */.Tjn),
  OpenSearchResourceConfig$: () => (/* reexport */ schemas_0/* OpenSearchResourceConfig$ */.LPw),
  OpenSearchResourceStatus$: () => (/* reexport */ schemas_0/* OpenSearchResourceStatus$ */.DX3),
  OpenSearchResourceStatusType: () => (/* reexport */ OpenSearchResourceStatusType),
  OpenSearchWorkspace$: () => (/* reexport */ schemas_0/* OpenSearchWorkspace$ */.en5),
  OperationAbortedException: () => (/* reexport */ errors/* OperationAbortedException */.K7),
  OperationAbortedException$: () => (/* reexport */ schemas_0/* OperationAbortedException$ */.s_G),
  OrderBy: () => (/* reexport */ OrderBy),
  OutputFormat: () => (/* reexport */ OutputFormat),
  OutputLogEvent$: () => (/* reexport */ schemas_0/* OutputLogEvent$ */.CFR),
  ParseCloudfront$: () => (/* reexport */ schemas_0/* ParseCloudfront$ */.gPi),
  ParseJSON$: () => (/* reexport */ schemas_0/* ParseJSON$ */.YuG),
  ParseKeyValue$: () => (/* reexport */ schemas_0/* ParseKeyValue$ */.SWE),
  ParsePostgres$: () => (/* reexport */ schemas_0/* ParsePostgres$ */.XT6),
  ParseRoute53$: () => (/* reexport */ schemas_0/* ParseRoute53$ */.Hq6),
  ParseToOCSF$: () => (/* reexport */ schemas_0/* ParseToOCSF$ */.ICB),
  ParseVPC$: () => (/* reexport */ schemas_0/* ParseVPC$ */.d2D),
  ParseWAF$: () => (/* reexport */ schemas_0/* ParseWAF$ */.CNi),
  PatternToken$: () => (/* reexport */ schemas_0/* PatternToken$ */.gEi),
  Policy$: () => (/* reexport */ schemas_0/* Policy$ */.tOq),
  PolicyScope: () => (/* reexport */ PolicyScope),
  PolicyType: () => (/* reexport */ PolicyType),
  Processor$: () => (/* reexport */ schemas_0/* Processor$ */.$bR),
  PutAccountPolicy$: () => (/* reexport */ schemas_0/* PutAccountPolicy$ */.hiH),
  PutAccountPolicyCommand: () => (/* reexport */ PutAccountPolicyCommand),
  PutAccountPolicyRequest$: () => (/* reexport */ schemas_0/* PutAccountPolicyRequest$ */.g3O),
  PutAccountPolicyResponse$: () => (/* reexport */ schemas_0/* PutAccountPolicyResponse$ */.UTH),
  PutBearerTokenAuthentication$: () => (/* reexport */ schemas_0/* PutBearerTokenAuthentication$ */.IHE),
  PutBearerTokenAuthenticationCommand: () => (/* reexport */ PutBearerTokenAuthenticationCommand),
  PutBearerTokenAuthenticationRequest$: () => (/* reexport */ schemas_0/* PutBearerTokenAuthenticationRequest$ */.ZXI),
  PutDataProtectionPolicy$: () => (/* reexport */ schemas_0/* PutDataProtectionPolicy$ */.DL0),
  PutDataProtectionPolicyCommand: () => (/* reexport */ PutDataProtectionPolicyCommand),
  PutDataProtectionPolicyRequest$: () => (/* reexport */ schemas_0/* PutDataProtectionPolicyRequest$ */.E1L),
  PutDataProtectionPolicyResponse$: () => (/* reexport */ schemas_0/* PutDataProtectionPolicyResponse$ */.Aju),
  PutDeliveryDestination$: () => (/* reexport */ schemas_0/* PutDeliveryDestination$ */.ul2),
  PutDeliveryDestinationCommand: () => (/* reexport */ PutDeliveryDestinationCommand),
  PutDeliveryDestinationPolicy$: () => (/* reexport */ schemas_0/* PutDeliveryDestinationPolicy$ */.snm),
  PutDeliveryDestinationPolicyCommand: () => (/* reexport */ PutDeliveryDestinationPolicyCommand),
  PutDeliveryDestinationPolicyRequest$: () => (/* reexport */ schemas_0/* PutDeliveryDestinationPolicyRequest$ */.ngf),
  PutDeliveryDestinationPolicyResponse$: () => (/* reexport */ schemas_0/* PutDeliveryDestinationPolicyResponse$ */.y2X),
  PutDeliveryDestinationRequest$: () => (/* reexport */ schemas_0/* PutDeliveryDestinationRequest$ */.fvI),
  PutDeliveryDestinationResponse$: () => (/* reexport */ schemas_0/* PutDeliveryDestinationResponse$ */.Bv5),
  PutDeliverySource$: () => (/* reexport */ schemas_0/* PutDeliverySource$ */.rvL),
  PutDeliverySourceCommand: () => (/* reexport */ PutDeliverySourceCommand),
  PutDeliverySourceRequest$: () => (/* reexport */ schemas_0/* PutDeliverySourceRequest$ */.SYK),
  PutDeliverySourceResponse$: () => (/* reexport */ schemas_0/* PutDeliverySourceResponse$ */.o5N),
  PutDestination$: () => (/* reexport */ schemas_0/* PutDestination$ */.OL8),
  PutDestinationCommand: () => (/* reexport */ PutDestinationCommand),
  PutDestinationPolicy$: () => (/* reexport */ schemas_0/* PutDestinationPolicy$ */.CM0),
  PutDestinationPolicyCommand: () => (/* reexport */ PutDestinationPolicyCommand),
  PutDestinationPolicyRequest$: () => (/* reexport */ schemas_0/* PutDestinationPolicyRequest$ */.h3I),
  PutDestinationRequest$: () => (/* reexport */ schemas_0/* PutDestinationRequest$ */.NkQ),
  PutDestinationResponse$: () => (/* reexport */ schemas_0/* PutDestinationResponse$ */.xZk),
  PutIndexPolicy$: () => (/* reexport */ schemas_0/* PutIndexPolicy$ */.K6e),
  PutIndexPolicyCommand: () => (/* reexport */ PutIndexPolicyCommand),
  PutIndexPolicyRequest$: () => (/* reexport */ schemas_0/* PutIndexPolicyRequest$ */.Rb9),
  PutIndexPolicyResponse$: () => (/* reexport */ schemas_0/* PutIndexPolicyResponse$ */.$V9),
  PutIntegration$: () => (/* reexport */ schemas_0/* PutIntegration$ */.Ap5),
  PutIntegrationCommand: () => (/* reexport */ PutIntegrationCommand),
  PutIntegrationRequest$: () => (/* reexport */ schemas_0/* PutIntegrationRequest$ */.N5i),
  PutIntegrationResponse$: () => (/* reexport */ schemas_0/* PutIntegrationResponse$ */.fvM),
  PutLogEvents$: () => (/* reexport */ schemas_0/* PutLogEvents$ */.RjR),
  PutLogEventsCommand: () => (/* reexport */ PutLogEventsCommand),
  PutLogEventsRequest$: () => (/* reexport */ schemas_0/* PutLogEventsRequest$ */.g0P),
  PutLogEventsResponse$: () => (/* reexport */ schemas_0/* PutLogEventsResponse$ */.Ms3),
  PutLogGroupDeletionProtection$: () => (/* reexport */ schemas_0/* PutLogGroupDeletionProtection$ */.ilc),
  PutLogGroupDeletionProtectionCommand: () => (/* reexport */ PutLogGroupDeletionProtectionCommand),
  PutLogGroupDeletionProtectionRequest$: () => (/* reexport */ schemas_0/* PutLogGroupDeletionProtectionRequest$ */.xmm),
  PutMetricFilter$: () => (/* reexport */ schemas_0/* PutMetricFilter$ */.Qje),
  PutMetricFilterCommand: () => (/* reexport */ PutMetricFilterCommand),
  PutMetricFilterRequest$: () => (/* reexport */ schemas_0/* PutMetricFilterRequest$ */.Jvb),
  PutQueryDefinition$: () => (/* reexport */ schemas_0/* PutQueryDefinition$ */.vxL),
  PutQueryDefinitionCommand: () => (/* reexport */ PutQueryDefinitionCommand),
  PutQueryDefinitionRequest$: () => (/* reexport */ schemas_0/* PutQueryDefinitionRequest$ */.o3N),
  PutQueryDefinitionResponse$: () => (/* reexport */ schemas_0/* PutQueryDefinitionResponse$ */.ycg),
  PutResourcePolicy$: () => (/* reexport */ schemas_0/* PutResourcePolicy$ */.kdY),
  PutResourcePolicyCommand: () => (/* reexport */ PutResourcePolicyCommand),
  PutResourcePolicyRequest$: () => (/* reexport */ schemas_0/* PutResourcePolicyRequest$ */.ne4),
  PutResourcePolicyResponse$: () => (/* reexport */ schemas_0/* PutResourcePolicyResponse$ */.Tvd),
  PutRetentionPolicy$: () => (/* reexport */ schemas_0/* PutRetentionPolicy$ */.YSo),
  PutRetentionPolicyCommand: () => (/* reexport */ PutRetentionPolicyCommand),
  PutRetentionPolicyRequest$: () => (/* reexport */ schemas_0/* PutRetentionPolicyRequest$ */.Fq9),
  PutStorageTierPolicy$: () => (/* reexport */ schemas_0/* PutStorageTierPolicy$ */.XOx),
  PutStorageTierPolicyCommand: () => (/* reexport */ PutStorageTierPolicyCommand),
  PutStorageTierPolicyRequest$: () => (/* reexport */ schemas_0/* PutStorageTierPolicyRequest$ */.uNc),
  PutStorageTierPolicyResponse$: () => (/* reexport */ schemas_0/* PutStorageTierPolicyResponse$ */.UEQ),
  PutSubscriptionFilter$: () => (/* reexport */ schemas_0/* PutSubscriptionFilter$ */.p7j),
  PutSubscriptionFilterCommand: () => (/* reexport */ PutSubscriptionFilterCommand),
  PutSubscriptionFilterRequest$: () => (/* reexport */ schemas_0/* PutSubscriptionFilterRequest$ */.uxM),
  PutSyslogConfiguration$: () => (/* reexport */ schemas_0/* PutSyslogConfiguration$ */.VWj),
  PutSyslogConfigurationCommand: () => (/* reexport */ PutSyslogConfigurationCommand),
  PutSyslogConfigurationRequest$: () => (/* reexport */ schemas_0/* PutSyslogConfigurationRequest$ */.Mdv),
  PutTransformer$: () => (/* reexport */ schemas_0/* PutTransformer$ */.dV3),
  PutTransformerCommand: () => (/* reexport */ PutTransformerCommand),
  PutTransformerRequest$: () => (/* reexport */ schemas_0/* PutTransformerRequest$ */.wcc),
  QueryCompileError$: () => (/* reexport */ schemas_0/* QueryCompileError$ */.i3L),
  QueryCompileErrorLocation$: () => (/* reexport */ schemas_0/* QueryCompileErrorLocation$ */.n_W),
  QueryDefinition$: () => (/* reexport */ schemas_0/* QueryDefinition$ */.M_e),
  QueryInfo$: () => (/* reexport */ schemas_0/* QueryInfo$ */.VIM),
  QueryLanguage: () => (/* reexport */ QueryLanguage),
  QueryParameter$: () => (/* reexport */ schemas_0/* QueryParameter$ */.af4),
  QueryStatistics$: () => (/* reexport */ schemas_0/* QueryStatistics$ */._Ko),
  QueryStatus: () => (/* reexport */ QueryStatus),
  RecordField$: () => (/* reexport */ schemas_0/* RecordField$ */.KGH),
  RejectedEntityInfo$: () => (/* reexport */ schemas_0/* RejectedEntityInfo$ */.y4f),
  RejectedLogEventsInfo$: () => (/* reexport */ schemas_0/* RejectedLogEventsInfo$ */.CJh),
  RenameKeyEntry$: () => (/* reexport */ schemas_0/* RenameKeyEntry$ */.GzK),
  RenameKeys$: () => (/* reexport */ schemas_0/* RenameKeys$ */.hGk),
  ResourceAlreadyExistsException: () => (/* reexport */ errors/* ResourceAlreadyExistsException */.Ud),
  ResourceAlreadyExistsException$: () => (/* reexport */ schemas_0/* ResourceAlreadyExistsException$ */.IB0),
  ResourceConfig$: () => (/* reexport */ schemas_0/* ResourceConfig$ */.pY),
  ResourceNotFoundException: () => (/* reexport */ errors/* ResourceNotFoundException */.lB),
  ResourceNotFoundException$: () => (/* reexport */ schemas_0/* ResourceNotFoundException$ */.lut),
  ResourcePolicy$: () => (/* reexport */ schemas_0/* ResourcePolicy$ */.F_d),
  ResultField$: () => (/* reexport */ schemas_0/* ResultField$ */.wrd),
  S3Configuration$: () => (/* reexport */ schemas_0/* S3Configuration$ */.BcB),
  S3DeliveryConfiguration$: () => (/* reexport */ schemas_0/* S3DeliveryConfiguration$ */.jb4),
  S3TableIntegrationSource$: () => (/* reexport */ schemas_0/* S3TableIntegrationSource$ */.Sec),
  S3TableIntegrationSourceStatus: () => (/* reexport */ S3TableIntegrationSourceStatus),
  S3TablesIntegration$: () => (/* reexport */ schemas_0/* S3TablesIntegration$ */.qi5),
  ScheduleType: () => (/* reexport */ ScheduleType),
  ScheduledQueryDestination$: () => (/* reexport */ schemas_0/* ScheduledQueryDestination$ */.mIs),
  ScheduledQueryDestinationType: () => (/* reexport */ ScheduledQueryDestinationType),
  ScheduledQueryState: () => (/* reexport */ ScheduledQueryState),
  ScheduledQuerySummary$: () => (/* reexport */ schemas_0/* ScheduledQuerySummary$ */.odT),
  Scope: () => (/* reexport */ Scope),
  SearchedLogStream$: () => (/* reexport */ schemas_0/* SearchedLogStream$ */.KhM),
  ServiceQuotaExceededException: () => (/* reexport */ errors/* ServiceQuotaExceededException */.yP),
  ServiceQuotaExceededException$: () => (/* reexport */ schemas_0/* ServiceQuotaExceededException$ */.YYw),
  ServiceUnavailableException: () => (/* reexport */ errors/* ServiceUnavailableException */.ld),
  ServiceUnavailableException$: () => (/* reexport */ schemas_0/* ServiceUnavailableException$ */.xA5),
  SessionStreamingException: () => (/* reexport */ errors/* SessionStreamingException */.Ak),
  SessionStreamingException$: () => (/* reexport */ schemas_0/* SessionStreamingException$ */.S3t),
  SessionTimeoutException: () => (/* reexport */ errors/* SessionTimeoutException */.Fp),
  SessionTimeoutException$: () => (/* reexport */ schemas_0/* SessionTimeoutException$ */.dsC),
  SplitString$: () => (/* reexport */ schemas_0/* SplitString$ */.Kni),
  SplitStringEntry$: () => (/* reexport */ schemas_0/* SplitStringEntry$ */.Svh),
  StandardUnit: () => (/* reexport */ StandardUnit),
  StartLiveTail$: () => (/* reexport */ schemas_0/* StartLiveTail$ */.f$5),
  StartLiveTailCommand: () => (/* reexport */ StartLiveTailCommand),
  StartLiveTailRequest$: () => (/* reexport */ schemas_0/* StartLiveTailRequest$ */.yif),
  StartLiveTailResponse$: () => (/* reexport */ schemas_0/* StartLiveTailResponse$ */.mKS),
  StartLiveTailResponseStream$: () => (/* reexport */ schemas_0/* StartLiveTailResponseStream$ */.IJy),
  StartQuery$: () => (/* reexport */ schemas_0/* StartQuery$ */.hBP),
  StartQueryCommand: () => (/* reexport */ StartQueryCommand),
  StartQueryRequest$: () => (/* reexport */ schemas_0/* StartQueryRequest$ */.cot),
  StartQueryResponse$: () => (/* reexport */ schemas_0/* StartQueryResponse$ */.cu5),
  State: () => (/* reexport */ State),
  StopQuery$: () => (/* reexport */ schemas_0/* StopQuery$ */.paH),
  StopQueryCommand: () => (/* reexport */ StopQueryCommand),
  StopQueryRequest$: () => (/* reexport */ schemas_0/* StopQueryRequest$ */.ohL),
  StopQueryResponse$: () => (/* reexport */ schemas_0/* StopQueryResponse$ */.Ubi),
  StorageTier: () => (/* reexport */ StorageTier),
  SubscriptionFilter$: () => (/* reexport */ schemas_0/* SubscriptionFilter$ */.yxv),
  SubstituteString$: () => (/* reexport */ schemas_0/* SubstituteString$ */.yG_),
  SubstituteStringEntry$: () => (/* reexport */ schemas_0/* SubstituteStringEntry$ */.kFn),
  SuppressionPeriod$: () => (/* reexport */ schemas_0/* SuppressionPeriod$ */.TCx),
  SuppressionState: () => (/* reexport */ SuppressionState),
  SuppressionType: () => (/* reexport */ SuppressionType),
  SuppressionUnit: () => (/* reexport */ SuppressionUnit),
  SyslogConfiguration$: () => (/* reexport */ schemas_0/* SyslogConfiguration$ */.sWR),
  SyslogSourceType: () => (/* reexport */ SyslogSourceType),
  TagFilter$: () => (/* reexport */ schemas_0/* TagFilter$ */.vAZ),
  TagLogGroup$: () => (/* reexport */ schemas_0/* TagLogGroup$ */.eVK),
  TagLogGroupCommand: () => (/* reexport */ TagLogGroupCommand),
  TagLogGroupRequest$: () => (/* reexport */ schemas_0/* TagLogGroupRequest$ */.ZKY),
  TagResource$: () => (/* reexport */ schemas_0/* TagResource$ */.Jqp),
  TagResourceCommand: () => (/* reexport */ TagResourceCommand),
  TagResourceRequest$: () => (/* reexport */ schemas_0/* TagResourceRequest$ */.uG_),
  TestMetricFilter$: () => (/* reexport */ schemas_0/* TestMetricFilter$ */.pOo),
  TestMetricFilterCommand: () => (/* reexport */ TestMetricFilterCommand),
  TestMetricFilterRequest$: () => (/* reexport */ schemas_0/* TestMetricFilterRequest$ */.SYF),
  TestMetricFilterResponse$: () => (/* reexport */ schemas_0/* TestMetricFilterResponse$ */.kFz),
  TestTransformer$: () => (/* reexport */ schemas_0/* TestTransformer$ */.sNl),
  TestTransformerCommand: () => (/* reexport */ TestTransformerCommand),
  TestTransformerRequest$: () => (/* reexport */ schemas_0/* TestTransformerRequest$ */.TKv),
  TestTransformerResponse$: () => (/* reexport */ schemas_0/* TestTransformerResponse$ */.Je_),
  ThrottlingException: () => (/* reexport */ errors/* ThrottlingException */.x5),
  ThrottlingException$: () => (/* reexport */ schemas_0/* ThrottlingException$ */.tyi),
  TooManyTagsException: () => (/* reexport */ errors/* TooManyTagsException */.cD),
  TooManyTagsException$: () => (/* reexport */ schemas_0/* TooManyTagsException$ */.Okg),
  TransformedLogRecord$: () => (/* reexport */ schemas_0/* TransformedLogRecord$ */.PqB),
  TriggerHistoryRecord$: () => (/* reexport */ schemas_0/* TriggerHistoryRecord$ */.oB$),
  TrimString$: () => (/* reexport */ schemas_0/* TrimString$ */.wN$),
  Type: () => (/* reexport */ Type),
  TypeConverter$: () => (/* reexport */ schemas_0/* TypeConverter$ */.RaK),
  TypeConverterEntry$: () => (/* reexport */ schemas_0/* TypeConverterEntry$ */.zgd),
  UnrecognizedClientException: () => (/* reexport */ errors/* UnrecognizedClientException */.AW),
  UnrecognizedClientException$: () => (/* reexport */ schemas_0/* UnrecognizedClientException$ */.ICC),
  UntagLogGroup$: () => (/* reexport */ schemas_0/* UntagLogGroup$ */.jf6),
  UntagLogGroupCommand: () => (/* reexport */ UntagLogGroupCommand),
  UntagLogGroupRequest$: () => (/* reexport */ schemas_0/* UntagLogGroupRequest$ */.cnT),
  UntagResource$: () => (/* reexport */ schemas_0/* UntagResource$ */.AUX),
  UntagResourceCommand: () => (/* reexport */ UntagResourceCommand),
  UntagResourceRequest$: () => (/* reexport */ schemas_0/* UntagResourceRequest$ */.H$X),
  UpdateAnomaly$: () => (/* reexport */ schemas_0/* UpdateAnomaly$ */.Z1v),
  UpdateAnomalyCommand: () => (/* reexport */ UpdateAnomalyCommand),
  UpdateAnomalyRequest$: () => (/* reexport */ schemas_0/* UpdateAnomalyRequest$ */.kMy),
  UpdateDeliveryConfiguration$: () => (/* reexport */ schemas_0/* UpdateDeliveryConfiguration$ */._jI),
  UpdateDeliveryConfigurationCommand: () => (/* reexport */ UpdateDeliveryConfigurationCommand),
  UpdateDeliveryConfigurationRequest$: () => (/* reexport */ schemas_0/* UpdateDeliveryConfigurationRequest$ */.RUh),
  UpdateDeliveryConfigurationResponse$: () => (/* reexport */ schemas_0/* UpdateDeliveryConfigurationResponse$ */.NXJ),
  UpdateLogAnomalyDetector$: () => (/* reexport */ schemas_0/* UpdateLogAnomalyDetector$ */.rIv),
  UpdateLogAnomalyDetectorCommand: () => (/* reexport */ UpdateLogAnomalyDetectorCommand),
  UpdateLogAnomalyDetectorRequest$: () => (/* reexport */ schemas_0/* UpdateLogAnomalyDetectorRequest$ */.McF),
  UpdateLookupTable$: () => (/* reexport */ schemas_0/* UpdateLookupTable$ */.yRX),
  UpdateLookupTableCommand: () => (/* reexport */ UpdateLookupTableCommand),
  UpdateLookupTableRequest$: () => (/* reexport */ schemas_0/* UpdateLookupTableRequest$ */.DlO),
  UpdateLookupTableResponse$: () => (/* reexport */ schemas_0/* UpdateLookupTableResponse$ */.r64),
  UpdateScheduledQuery$: () => (/* reexport */ schemas_0/* UpdateScheduledQuery$ */.Z1N),
  UpdateScheduledQueryCommand: () => (/* reexport */ UpdateScheduledQueryCommand),
  UpdateScheduledQueryRequest$: () => (/* reexport */ schemas_0/* UpdateScheduledQueryRequest$ */.kM_),
  UpdateScheduledQueryResponse$: () => (/* reexport */ schemas_0/* UpdateScheduledQueryResponse$ */.cGb),
  UpperCaseString$: () => (/* reexport */ schemas_0/* UpperCaseString$ */.YeX),
  ValidationException: () => (/* reexport */ errors/* ValidationException */.dr),
  ValidationException$: () => (/* reexport */ schemas_0/* ValidationException$ */.fNg),
  __Client: () => (/* reexport */ CloudWatchLogsClient/* __Client */.g),
  errorTypeRegistries: () => (/* reexport */ schemas_0/* errorTypeRegistries */.q1U),
  paginateDescribeConfigurationTemplates: () => (/* reexport */ paginateDescribeConfigurationTemplates),
  paginateDescribeDeliveries: () => (/* reexport */ paginateDescribeDeliveries),
  paginateDescribeDeliveryDestinations: () => (/* reexport */ paginateDescribeDeliveryDestinations),
  paginateDescribeDeliverySources: () => (/* reexport */ paginateDescribeDeliverySources),
  paginateDescribeDestinations: () => (/* reexport */ paginateDescribeDestinations),
  paginateDescribeLogGroups: () => (/* reexport */ paginateDescribeLogGroups),
  paginateDescribeLogStreams: () => (/* reexport */ paginateDescribeLogStreams),
  paginateDescribeMetricFilters: () => (/* reexport */ paginateDescribeMetricFilters),
  paginateDescribeSubscriptionFilters: () => (/* reexport */ paginateDescribeSubscriptionFilters),
  paginateFilterLogEvents: () => (/* reexport */ paginateFilterLogEvents),
  paginateGetLogEvents: () => (/* reexport */ paginateGetLogEvents),
  paginateGetScheduledQueryHistory: () => (/* reexport */ paginateGetScheduledQueryHistory),
  paginateListAggregateLogGroupSummaries: () => (/* reexport */ paginateListAggregateLogGroupSummaries),
  paginateListAnomalies: () => (/* reexport */ paginateListAnomalies),
  paginateListLogAnomalyDetectors: () => (/* reexport */ paginateListLogAnomalyDetectors),
  paginateListLogGroupsForQuery: () => (/* reexport */ paginateListLogGroupsForQuery),
  paginateListScheduledQueries: () => (/* reexport */ paginateListScheduledQueries),
  paginateListSourcesForS3TableIntegration: () => (/* reexport */ paginateListSourcesForS3TableIntegration)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/CloudWatchLogsClient.js + 8 modules
var CloudWatchLogsClient = __webpack_require__(519);
// EXTERNAL MODULE: ./node_modules/@smithy/core/dist-cjs/submodules/client/index.js
var client = __webpack_require__(2658);
// EXTERNAL MODULE: ./node_modules/@smithy/core/dist-cjs/submodules/endpoints/index.js
var endpoints = __webpack_require__(2085);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/endpoint/EndpointParameters.js
var EndpointParameters = __webpack_require__(6644);
;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commandBuilder.js



const command = (0,client.makeBuilder)(EndpointParameters/* commonParams */.S, "Logs_20140328", "CloudWatchLogsClient", endpoints.getEndpointPlugin);
const _ep0 = {};
const _mw0 = (Command, cs, config, o) => [];

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/schemas/schemas_0.js
var schemas_0 = __webpack_require__(2935);
;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/AssociateKmsKeyCommand.js


class AssociateKmsKeyCommand extends command(_ep0, _mw0, "AssociateKmsKey", schemas_0/* AssociateKmsKey$ */.l3u) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/AssociateSourceToS3TableIntegrationCommand.js


class AssociateSourceToS3TableIntegrationCommand extends command(_ep0, _mw0, "AssociateSourceToS3TableIntegration", schemas_0/* AssociateSourceToS3TableIntegration$ */.faC) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/CancelExportTaskCommand.js


class CancelExportTaskCommand extends command(_ep0, _mw0, "CancelExportTask", schemas_0/* CancelExportTask$ */.kpN) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/CancelImportTaskCommand.js


class CancelImportTaskCommand extends command(_ep0, _mw0, "CancelImportTask", schemas_0/* CancelImportTask$ */.Lfe) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/CreateDeliveryCommand.js


class CreateDeliveryCommand extends command(_ep0, _mw0, "CreateDelivery", schemas_0/* CreateDelivery$ */.Jv6) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/CreateExportTaskCommand.js


class CreateExportTaskCommand extends command(_ep0, _mw0, "CreateExportTask", schemas_0/* CreateExportTask$ */.CtG) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/CreateImportTaskCommand.js


class CreateImportTaskCommand extends command(_ep0, _mw0, "CreateImportTask", schemas_0/* CreateImportTask$ */.BFk) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/CreateLogAnomalyDetectorCommand.js


class CreateLogAnomalyDetectorCommand extends command(_ep0, _mw0, "CreateLogAnomalyDetector", schemas_0/* CreateLogAnomalyDetector$ */.yIn) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/CreateLogGroupCommand.js


class CreateLogGroupCommand extends command(_ep0, _mw0, "CreateLogGroup", schemas_0/* CreateLogGroup$ */.EP0) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/CreateLogStreamCommand.js


class CreateLogStreamCommand extends command(_ep0, _mw0, "CreateLogStream", schemas_0/* CreateLogStream$ */.jol) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/CreateLookupTableCommand.js


class CreateLookupTableCommand extends command(_ep0, _mw0, "CreateLookupTable", schemas_0/* CreateLookupTable$ */.$gt) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/CreateScheduledQueryCommand.js


class CreateScheduledQueryCommand extends command(_ep0, _mw0, "CreateScheduledQuery", schemas_0/* CreateScheduledQuery$ */.QPy) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DeleteAccountPolicyCommand.js


class DeleteAccountPolicyCommand extends command(_ep0, _mw0, "DeleteAccountPolicy", schemas_0/* DeleteAccountPolicy$ */.dWx) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DeleteDataProtectionPolicyCommand.js


class DeleteDataProtectionPolicyCommand extends command(_ep0, _mw0, "DeleteDataProtectionPolicy", schemas_0/* DeleteDataProtectionPolicy$ */.piI) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DeleteDeliveryCommand.js


class DeleteDeliveryCommand extends command(_ep0, _mw0, "DeleteDelivery", schemas_0/* DeleteDelivery$ */.Yoj) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DeleteDeliveryDestinationCommand.js


class DeleteDeliveryDestinationCommand extends command(_ep0, _mw0, "DeleteDeliveryDestination", schemas_0/* DeleteDeliveryDestination$ */.gQC) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DeleteDeliveryDestinationPolicyCommand.js


class DeleteDeliveryDestinationPolicyCommand extends command(_ep0, _mw0, "DeleteDeliveryDestinationPolicy", schemas_0/* DeleteDeliveryDestinationPolicy$ */.klj) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DeleteDeliverySourceCommand.js


class DeleteDeliverySourceCommand extends command(_ep0, _mw0, "DeleteDeliverySource", schemas_0/* DeleteDeliverySource$ */.VUH) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DeleteDestinationCommand.js


class DeleteDestinationCommand extends command(_ep0, _mw0, "DeleteDestination", schemas_0/* DeleteDestination$ */.uXT) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DeleteIndexPolicyCommand.js


class DeleteIndexPolicyCommand extends command(_ep0, _mw0, "DeleteIndexPolicy", schemas_0/* DeleteIndexPolicy$ */.y6O) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DeleteIntegrationCommand.js


class DeleteIntegrationCommand extends command(_ep0, _mw0, "DeleteIntegration", schemas_0/* DeleteIntegration$ */.mQC) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DeleteLogAnomalyDetectorCommand.js


class DeleteLogAnomalyDetectorCommand extends command(_ep0, _mw0, "DeleteLogAnomalyDetector", schemas_0/* DeleteLogAnomalyDetector$ */.j18) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DeleteLogGroupCommand.js


class DeleteLogGroupCommand extends command(_ep0, _mw0, "DeleteLogGroup", schemas_0/* DeleteLogGroup$ */.Vao) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DeleteLogStreamCommand.js


class DeleteLogStreamCommand extends command(_ep0, _mw0, "DeleteLogStream", schemas_0/* DeleteLogStream$ */.g1C) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DeleteLookupTableCommand.js


class DeleteLookupTableCommand extends command(_ep0, _mw0, "DeleteLookupTable", schemas_0/* DeleteLookupTable$ */.kpH) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DeleteMetricFilterCommand.js


class DeleteMetricFilterCommand extends command(_ep0, _mw0, "DeleteMetricFilter", schemas_0/* DeleteMetricFilter$ */.Gk3) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DeleteQueryDefinitionCommand.js


class DeleteQueryDefinitionCommand extends command(_ep0, _mw0, "DeleteQueryDefinition", schemas_0/* DeleteQueryDefinition$ */.R8M) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DeleteResourcePolicyCommand.js


class DeleteResourcePolicyCommand extends command(_ep0, _mw0, "DeleteResourcePolicy", schemas_0/* DeleteResourcePolicy$ */.cfZ) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DeleteRetentionPolicyCommand.js


class DeleteRetentionPolicyCommand extends command(_ep0, _mw0, "DeleteRetentionPolicy", schemas_0/* DeleteRetentionPolicy$ */.QEH) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DeleteScheduledQueryCommand.js


class DeleteScheduledQueryCommand extends command(_ep0, _mw0, "DeleteScheduledQuery", schemas_0/* DeleteScheduledQuery$ */.VQT) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DeleteSubscriptionFilterCommand.js


class DeleteSubscriptionFilterCommand extends command(_ep0, _mw0, "DeleteSubscriptionFilter", schemas_0/* DeleteSubscriptionFilter$ */.tJH) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DeleteSyslogConfigurationCommand.js


class DeleteSyslogConfigurationCommand extends command(_ep0, _mw0, "DeleteSyslogConfiguration", schemas_0/* DeleteSyslogConfiguration$ */.TbP) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DeleteTransformerCommand.js


class DeleteTransformerCommand extends command(_ep0, _mw0, "DeleteTransformer", schemas_0/* DeleteTransformer$ */.lfl) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DescribeAccountPoliciesCommand.js


class DescribeAccountPoliciesCommand extends command(_ep0, _mw0, "DescribeAccountPolicies", schemas_0/* DescribeAccountPolicies$ */.rCV) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DescribeConfigurationTemplatesCommand.js


class DescribeConfigurationTemplatesCommand extends command(_ep0, _mw0, "DescribeConfigurationTemplates", schemas_0/* DescribeConfigurationTemplates$ */.fQY) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DescribeDeliveriesCommand.js


class DescribeDeliveriesCommand extends command(_ep0, _mw0, "DescribeDeliveries", schemas_0/* DescribeDeliveries$ */.cT_) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DescribeDeliveryDestinationsCommand.js


class DescribeDeliveryDestinationsCommand extends command(_ep0, _mw0, "DescribeDeliveryDestinations", schemas_0/* DescribeDeliveryDestinations$ */.vOw) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DescribeDeliverySourcesCommand.js


class DescribeDeliverySourcesCommand extends command(_ep0, _mw0, "DescribeDeliverySources", schemas_0/* DescribeDeliverySources$ */.iDs) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DescribeDestinationsCommand.js


class DescribeDestinationsCommand extends command(_ep0, _mw0, "DescribeDestinations", schemas_0/* DescribeDestinations$ */.rsf) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DescribeExportTasksCommand.js


class DescribeExportTasksCommand extends command(_ep0, _mw0, "DescribeExportTasks", schemas_0/* DescribeExportTasks$ */.Ujv) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DescribeFieldIndexesCommand.js


class DescribeFieldIndexesCommand extends command(_ep0, _mw0, "DescribeFieldIndexes", schemas_0/* DescribeFieldIndexes$ */.kjl) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DescribeImportTaskBatchesCommand.js


class DescribeImportTaskBatchesCommand extends command(_ep0, _mw0, "DescribeImportTaskBatches", schemas_0/* DescribeImportTaskBatches$ */.ykB) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DescribeImportTasksCommand.js


class DescribeImportTasksCommand extends command(_ep0, _mw0, "DescribeImportTasks", schemas_0/* DescribeImportTasks$ */.Pmv) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DescribeIndexPoliciesCommand.js


class DescribeIndexPoliciesCommand extends command(_ep0, _mw0, "DescribeIndexPolicies", schemas_0/* DescribeIndexPolicies$ */.Q0H) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DescribeLogGroupsCommand.js


class DescribeLogGroupsCommand extends command(_ep0, _mw0, "DescribeLogGroups", schemas_0/* DescribeLogGroups$ */.aTt) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DescribeLogStreamsCommand.js


class DescribeLogStreamsCommand extends command(_ep0, _mw0, "DescribeLogStreams", schemas_0/* DescribeLogStreams$ */.TJH) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DescribeLookupTablesCommand.js


class DescribeLookupTablesCommand extends command(_ep0, _mw0, "DescribeLookupTables", schemas_0/* DescribeLookupTables$ */.ZIA) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DescribeMetricFiltersCommand.js


class DescribeMetricFiltersCommand extends command(_ep0, _mw0, "DescribeMetricFilters", schemas_0/* DescribeMetricFilters$ */.jtq) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DescribeQueriesCommand.js


class DescribeQueriesCommand extends command(_ep0, _mw0, "DescribeQueries", schemas_0/* DescribeQueries$ */.sxe) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DescribeQueryDefinitionsCommand.js


class DescribeQueryDefinitionsCommand extends command(_ep0, _mw0, "DescribeQueryDefinitions", schemas_0/* DescribeQueryDefinitions$ */.o8E) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DescribeResourcePoliciesCommand.js


class DescribeResourcePoliciesCommand extends command(_ep0, _mw0, "DescribeResourcePolicies", schemas_0/* DescribeResourcePolicies$ */.IS$) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DescribeSubscriptionFiltersCommand.js


class DescribeSubscriptionFiltersCommand extends command(_ep0, _mw0, "DescribeSubscriptionFilters", schemas_0/* DescribeSubscriptionFilters$ */.M9y) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DisassociateKmsKeyCommand.js


class DisassociateKmsKeyCommand extends command(_ep0, _mw0, "DisassociateKmsKey", schemas_0/* DisassociateKmsKey$ */.fFO) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/DisassociateSourceFromS3TableIntegrationCommand.js


class DisassociateSourceFromS3TableIntegrationCommand extends command(_ep0, _mw0, "DisassociateSourceFromS3TableIntegration", schemas_0/* DisassociateSourceFromS3TableIntegration$ */.QmL) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/FilterLogEventsCommand.js


class FilterLogEventsCommand extends command(_ep0, _mw0, "FilterLogEvents", schemas_0/* FilterLogEvents$ */.YgU) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/GetDataProtectionPolicyCommand.js


class GetDataProtectionPolicyCommand extends command(_ep0, _mw0, "GetDataProtectionPolicy", schemas_0/* GetDataProtectionPolicy$ */.g0S) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/GetDeliveryCommand.js


class GetDeliveryCommand extends command(_ep0, _mw0, "GetDelivery", schemas_0/* GetDelivery$ */.fjx) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/GetDeliveryDestinationCommand.js


class GetDeliveryDestinationCommand extends command(_ep0, _mw0, "GetDeliveryDestination", schemas_0/* GetDeliveryDestination$ */.H46) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/GetDeliveryDestinationPolicyCommand.js


class GetDeliveryDestinationPolicyCommand extends command(_ep0, _mw0, "GetDeliveryDestinationPolicy", schemas_0/* GetDeliveryDestinationPolicy$ */.XFN) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/GetDeliverySourceCommand.js


class GetDeliverySourceCommand extends command(_ep0, _mw0, "GetDeliverySource", schemas_0/* GetDeliverySource$ */.OLU) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/GetIntegrationCommand.js


class GetIntegrationCommand extends command(_ep0, _mw0, "GetIntegration", schemas_0/* GetIntegration$ */.JmE) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/GetLogAnomalyDetectorCommand.js


class GetLogAnomalyDetectorCommand extends command(_ep0, _mw0, "GetLogAnomalyDetector", schemas_0/* GetLogAnomalyDetector$ */.EoJ) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/GetLogEventsCommand.js


class GetLogEventsCommand extends command(_ep0, _mw0, "GetLogEvents", schemas_0/* GetLogEvents$ */.IU$) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/GetLogFieldsCommand.js


class GetLogFieldsCommand extends command(_ep0, _mw0, "GetLogFields", schemas_0/* GetLogFields$ */.kGU) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/GetLogGroupFieldsCommand.js


class GetLogGroupFieldsCommand extends command(_ep0, _mw0, "GetLogGroupFields", schemas_0/* GetLogGroupFields$ */.$Rh) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/GetLogObjectCommand.js


class GetLogObjectCommand extends command(_ep0, _mw0, "GetLogObject", schemas_0/* GetLogObject$ */.ucp) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/GetLogRecordCommand.js


class GetLogRecordCommand extends command(_ep0, _mw0, "GetLogRecord", schemas_0/* GetLogRecord$ */.YSI) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/GetLookupTableCommand.js


class GetLookupTableCommand extends command(_ep0, _mw0, "GetLookupTable", schemas_0/* GetLookupTable$ */.T30) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/GetQueryResultsCommand.js


class GetQueryResultsCommand extends command(_ep0, _mw0, "GetQueryResults", schemas_0/* GetQueryResults$ */.vYG) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/GetScheduledQueryCommand.js


class GetScheduledQueryCommand extends command(_ep0, _mw0, "GetScheduledQuery", schemas_0/* GetScheduledQuery$ */.gul) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/GetScheduledQueryHistoryCommand.js


class GetScheduledQueryHistoryCommand extends command(_ep0, _mw0, "GetScheduledQueryHistory", schemas_0/* GetScheduledQueryHistory$ */.e$2) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/GetStorageTierPolicyCommand.js


class GetStorageTierPolicyCommand extends command(_ep0, _mw0, "GetStorageTierPolicy", schemas_0/* GetStorageTierPolicy$ */.o4e) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/GetTransformerCommand.js


class GetTransformerCommand extends command(_ep0, _mw0, "GetTransformer", schemas_0/* GetTransformer$ */.QcP) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/ListAggregateLogGroupSummariesCommand.js


class ListAggregateLogGroupSummariesCommand extends command(_ep0, _mw0, "ListAggregateLogGroupSummaries", schemas_0/* ListAggregateLogGroupSummaries$ */.bx3) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/ListAnomaliesCommand.js


class ListAnomaliesCommand extends command(_ep0, _mw0, "ListAnomalies", schemas_0/* ListAnomalies$ */.cCu) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/ListIntegrationsCommand.js


class ListIntegrationsCommand extends command(_ep0, _mw0, "ListIntegrations", schemas_0/* ListIntegrations$ */.iJG) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/ListLogAnomalyDetectorsCommand.js


class ListLogAnomalyDetectorsCommand extends command(_ep0, _mw0, "ListLogAnomalyDetectors", schemas_0/* ListLogAnomalyDetectors$ */.rW4) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/ListLogGroupsCommand.js


class ListLogGroupsCommand extends command(_ep0, _mw0, "ListLogGroups", schemas_0/* ListLogGroups$ */.jaJ) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/ListLogGroupsForQueryCommand.js


class ListLogGroupsForQueryCommand extends command(_ep0, _mw0, "ListLogGroupsForQuery", schemas_0/* ListLogGroupsForQuery$ */.kjZ) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/ListScheduledQueriesCommand.js


class ListScheduledQueriesCommand extends command(_ep0, _mw0, "ListScheduledQueries", schemas_0/* ListScheduledQueries$ */.iyO) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/ListSourcesForS3TableIntegrationCommand.js


class ListSourcesForS3TableIntegrationCommand extends command(_ep0, _mw0, "ListSourcesForS3TableIntegration", schemas_0/* ListSourcesForS3TableIntegration$ */.KMH) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/ListSyslogConfigurationsCommand.js


class ListSyslogConfigurationsCommand extends command(_ep0, _mw0, "ListSyslogConfigurations", schemas_0/* ListSyslogConfigurations$ */.vVP) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/ListTagsForResourceCommand.js


class ListTagsForResourceCommand extends command(_ep0, _mw0, "ListTagsForResource", schemas_0/* ListTagsForResource$ */.Tzn) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/ListTagsLogGroupCommand.js


class ListTagsLogGroupCommand extends command(_ep0, _mw0, "ListTagsLogGroup", schemas_0/* ListTagsLogGroup$ */.HQV) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/PutAccountPolicyCommand.js


class PutAccountPolicyCommand extends command(_ep0, _mw0, "PutAccountPolicy", schemas_0/* PutAccountPolicy$ */.hiH) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/PutBearerTokenAuthenticationCommand.js


class PutBearerTokenAuthenticationCommand extends command(_ep0, _mw0, "PutBearerTokenAuthentication", schemas_0/* PutBearerTokenAuthentication$ */.IHE) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/PutDataProtectionPolicyCommand.js


class PutDataProtectionPolicyCommand extends command(_ep0, _mw0, "PutDataProtectionPolicy", schemas_0/* PutDataProtectionPolicy$ */.DL0) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/PutDeliveryDestinationCommand.js


class PutDeliveryDestinationCommand extends command(_ep0, _mw0, "PutDeliveryDestination", schemas_0/* PutDeliveryDestination$ */.ul2) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/PutDeliveryDestinationPolicyCommand.js


class PutDeliveryDestinationPolicyCommand extends command(_ep0, _mw0, "PutDeliveryDestinationPolicy", schemas_0/* PutDeliveryDestinationPolicy$ */.snm) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/PutDeliverySourceCommand.js


class PutDeliverySourceCommand extends command(_ep0, _mw0, "PutDeliverySource", schemas_0/* PutDeliverySource$ */.rvL) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/PutDestinationCommand.js


class PutDestinationCommand extends command(_ep0, _mw0, "PutDestination", schemas_0/* PutDestination$ */.OL8) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/PutDestinationPolicyCommand.js


class PutDestinationPolicyCommand extends command(_ep0, _mw0, "PutDestinationPolicy", schemas_0/* PutDestinationPolicy$ */.CM0) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/PutIndexPolicyCommand.js


class PutIndexPolicyCommand extends command(_ep0, _mw0, "PutIndexPolicy", schemas_0/* PutIndexPolicy$ */.K6e) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/PutIntegrationCommand.js


class PutIntegrationCommand extends command(_ep0, _mw0, "PutIntegration", schemas_0/* PutIntegration$ */.Ap5) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/PutLogEventsCommand.js


class PutLogEventsCommand extends command(_ep0, _mw0, "PutLogEvents", schemas_0/* PutLogEvents$ */.RjR) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/PutLogGroupDeletionProtectionCommand.js


class PutLogGroupDeletionProtectionCommand extends command(_ep0, _mw0, "PutLogGroupDeletionProtection", schemas_0/* PutLogGroupDeletionProtection$ */.ilc) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/PutMetricFilterCommand.js


class PutMetricFilterCommand extends command(_ep0, _mw0, "PutMetricFilter", schemas_0/* PutMetricFilter$ */.Qje) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/PutQueryDefinitionCommand.js


class PutQueryDefinitionCommand extends command(_ep0, _mw0, "PutQueryDefinition", schemas_0/* PutQueryDefinition$ */.vxL) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/PutResourcePolicyCommand.js


class PutResourcePolicyCommand extends command(_ep0, _mw0, "PutResourcePolicy", schemas_0/* PutResourcePolicy$ */.kdY) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/PutRetentionPolicyCommand.js


class PutRetentionPolicyCommand extends command(_ep0, _mw0, "PutRetentionPolicy", schemas_0/* PutRetentionPolicy$ */.YSo) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/PutStorageTierPolicyCommand.js


class PutStorageTierPolicyCommand extends command(_ep0, _mw0, "PutStorageTierPolicy", schemas_0/* PutStorageTierPolicy$ */.XOx) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/PutSubscriptionFilterCommand.js


class PutSubscriptionFilterCommand extends command(_ep0, _mw0, "PutSubscriptionFilter", schemas_0/* PutSubscriptionFilter$ */.p7j) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/PutSyslogConfigurationCommand.js


class PutSyslogConfigurationCommand extends command(_ep0, _mw0, "PutSyslogConfiguration", schemas_0/* PutSyslogConfiguration$ */.VWj) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/PutTransformerCommand.js


class PutTransformerCommand extends command(_ep0, _mw0, "PutTransformer", schemas_0/* PutTransformer$ */.dV3) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/StartLiveTailCommand.js


class StartLiveTailCommand extends command(_ep0, _mw0, "StartLiveTail", schemas_0/* StartLiveTail$ */.f$5) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/StartQueryCommand.js


class StartQueryCommand extends command(_ep0, _mw0, "StartQuery", schemas_0/* StartQuery$ */.hBP) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/StopQueryCommand.js


class StopQueryCommand extends command(_ep0, _mw0, "StopQuery", schemas_0/* StopQuery$ */.paH) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/TagLogGroupCommand.js


class TagLogGroupCommand extends command(_ep0, _mw0, "TagLogGroup", schemas_0/* TagLogGroup$ */.eVK) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/TagResourceCommand.js


class TagResourceCommand extends command(_ep0, _mw0, "TagResource", schemas_0/* TagResource$ */.Jqp) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/TestMetricFilterCommand.js


class TestMetricFilterCommand extends command(_ep0, _mw0, "TestMetricFilter", schemas_0/* TestMetricFilter$ */.pOo) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/TestTransformerCommand.js


class TestTransformerCommand extends command(_ep0, _mw0, "TestTransformer", schemas_0/* TestTransformer$ */.sNl) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/UntagLogGroupCommand.js


class UntagLogGroupCommand extends command(_ep0, _mw0, "UntagLogGroup", schemas_0/* UntagLogGroup$ */.jf6) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/UntagResourceCommand.js


class UntagResourceCommand extends command(_ep0, _mw0, "UntagResource", schemas_0/* UntagResource$ */.AUX) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/UpdateAnomalyCommand.js


class UpdateAnomalyCommand extends command(_ep0, _mw0, "UpdateAnomaly", schemas_0/* UpdateAnomaly$ */.Z1v) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/UpdateDeliveryConfigurationCommand.js


class UpdateDeliveryConfigurationCommand extends command(_ep0, _mw0, "UpdateDeliveryConfiguration", schemas_0/* UpdateDeliveryConfiguration$ */._jI) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/UpdateLogAnomalyDetectorCommand.js


class UpdateLogAnomalyDetectorCommand extends command(_ep0, _mw0, "UpdateLogAnomalyDetector", schemas_0/* UpdateLogAnomalyDetector$ */.rIv) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/UpdateLookupTableCommand.js


class UpdateLookupTableCommand extends command(_ep0, _mw0, "UpdateLookupTable", schemas_0/* UpdateLookupTable$ */.yRX) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/UpdateScheduledQueryCommand.js


class UpdateScheduledQueryCommand extends command(_ep0, _mw0, "UpdateScheduledQuery", schemas_0/* UpdateScheduledQuery$ */.Z1N) {
}

// EXTERNAL MODULE: ./node_modules/@smithy/core/dist-cjs/index.js
var dist_cjs = __webpack_require__(402);
;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/pagination/DescribeConfigurationTemplatesPaginator.js



const paginateDescribeConfigurationTemplates = (0,dist_cjs.createPaginator)(CloudWatchLogsClient/* CloudWatchLogsClient */.T, DescribeConfigurationTemplatesCommand, "nextToken", "nextToken", "limit");

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/pagination/DescribeDeliveriesPaginator.js



const paginateDescribeDeliveries = (0,dist_cjs.createPaginator)(CloudWatchLogsClient/* CloudWatchLogsClient */.T, DescribeDeliveriesCommand, "nextToken", "nextToken", "limit");

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/pagination/DescribeDeliveryDestinationsPaginator.js



const paginateDescribeDeliveryDestinations = (0,dist_cjs.createPaginator)(CloudWatchLogsClient/* CloudWatchLogsClient */.T, DescribeDeliveryDestinationsCommand, "nextToken", "nextToken", "limit");

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/pagination/DescribeDeliverySourcesPaginator.js



const paginateDescribeDeliverySources = (0,dist_cjs.createPaginator)(CloudWatchLogsClient/* CloudWatchLogsClient */.T, DescribeDeliverySourcesCommand, "nextToken", "nextToken", "limit");

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/pagination/DescribeDestinationsPaginator.js



const paginateDescribeDestinations = (0,dist_cjs.createPaginator)(CloudWatchLogsClient/* CloudWatchLogsClient */.T, DescribeDestinationsCommand, "nextToken", "nextToken", "limit");

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/pagination/DescribeLogGroupsPaginator.js



const paginateDescribeLogGroups = (0,dist_cjs.createPaginator)(CloudWatchLogsClient/* CloudWatchLogsClient */.T, DescribeLogGroupsCommand, "nextToken", "nextToken", "limit");

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/pagination/DescribeLogStreamsPaginator.js



const paginateDescribeLogStreams = (0,dist_cjs.createPaginator)(CloudWatchLogsClient/* CloudWatchLogsClient */.T, DescribeLogStreamsCommand, "nextToken", "nextToken", "limit");

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/pagination/DescribeMetricFiltersPaginator.js



const paginateDescribeMetricFilters = (0,dist_cjs.createPaginator)(CloudWatchLogsClient/* CloudWatchLogsClient */.T, DescribeMetricFiltersCommand, "nextToken", "nextToken", "limit");

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/pagination/DescribeSubscriptionFiltersPaginator.js



const paginateDescribeSubscriptionFilters = (0,dist_cjs.createPaginator)(CloudWatchLogsClient/* CloudWatchLogsClient */.T, DescribeSubscriptionFiltersCommand, "nextToken", "nextToken", "limit");

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/pagination/FilterLogEventsPaginator.js



const paginateFilterLogEvents = (0,dist_cjs.createPaginator)(CloudWatchLogsClient/* CloudWatchLogsClient */.T, FilterLogEventsCommand, "nextToken", "nextToken", "limit");

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/pagination/GetLogEventsPaginator.js



const paginateGetLogEvents = (0,dist_cjs.createPaginator)(CloudWatchLogsClient/* CloudWatchLogsClient */.T, GetLogEventsCommand, "nextToken", "nextForwardToken", "limit");

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/pagination/GetScheduledQueryHistoryPaginator.js



const paginateGetScheduledQueryHistory = (0,dist_cjs.createPaginator)(CloudWatchLogsClient/* CloudWatchLogsClient */.T, GetScheduledQueryHistoryCommand, "nextToken", "nextToken", "maxResults");

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/pagination/ListAggregateLogGroupSummariesPaginator.js



const paginateListAggregateLogGroupSummaries = (0,dist_cjs.createPaginator)(CloudWatchLogsClient/* CloudWatchLogsClient */.T, ListAggregateLogGroupSummariesCommand, "nextToken", "nextToken", "limit");

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/pagination/ListAnomaliesPaginator.js



const paginateListAnomalies = (0,dist_cjs.createPaginator)(CloudWatchLogsClient/* CloudWatchLogsClient */.T, ListAnomaliesCommand, "nextToken", "nextToken", "limit");

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/pagination/ListLogAnomalyDetectorsPaginator.js



const paginateListLogAnomalyDetectors = (0,dist_cjs.createPaginator)(CloudWatchLogsClient/* CloudWatchLogsClient */.T, ListLogAnomalyDetectorsCommand, "nextToken", "nextToken", "limit");

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/pagination/ListLogGroupsForQueryPaginator.js



const paginateListLogGroupsForQuery = (0,dist_cjs.createPaginator)(CloudWatchLogsClient/* CloudWatchLogsClient */.T, ListLogGroupsForQueryCommand, "nextToken", "nextToken", "maxResults");

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/pagination/ListScheduledQueriesPaginator.js



const paginateListScheduledQueries = (0,dist_cjs.createPaginator)(CloudWatchLogsClient/* CloudWatchLogsClient */.T, ListScheduledQueriesCommand, "nextToken", "nextToken", "maxResults");

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/pagination/ListSourcesForS3TableIntegrationPaginator.js



const paginateListSourcesForS3TableIntegration = (0,dist_cjs.createPaginator)(CloudWatchLogsClient/* CloudWatchLogsClient */.T, ListSourcesForS3TableIntegrationCommand, "nextToken", "nextToken", "maxResults");

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/CloudWatchLogs.js










































































































































const commands = {
    AssociateKmsKeyCommand: AssociateKmsKeyCommand,
    AssociateSourceToS3TableIntegrationCommand: AssociateSourceToS3TableIntegrationCommand,
    CancelExportTaskCommand: CancelExportTaskCommand,
    CancelImportTaskCommand: CancelImportTaskCommand,
    CreateDeliveryCommand: CreateDeliveryCommand,
    CreateExportTaskCommand: CreateExportTaskCommand,
    CreateImportTaskCommand: CreateImportTaskCommand,
    CreateLogAnomalyDetectorCommand: CreateLogAnomalyDetectorCommand,
    CreateLogGroupCommand: CreateLogGroupCommand,
    CreateLogStreamCommand: CreateLogStreamCommand,
    CreateLookupTableCommand: CreateLookupTableCommand,
    CreateScheduledQueryCommand: CreateScheduledQueryCommand,
    DeleteAccountPolicyCommand: DeleteAccountPolicyCommand,
    DeleteDataProtectionPolicyCommand: DeleteDataProtectionPolicyCommand,
    DeleteDeliveryCommand: DeleteDeliveryCommand,
    DeleteDeliveryDestinationCommand: DeleteDeliveryDestinationCommand,
    DeleteDeliveryDestinationPolicyCommand: DeleteDeliveryDestinationPolicyCommand,
    DeleteDeliverySourceCommand: DeleteDeliverySourceCommand,
    DeleteDestinationCommand: DeleteDestinationCommand,
    DeleteIndexPolicyCommand: DeleteIndexPolicyCommand,
    DeleteIntegrationCommand: DeleteIntegrationCommand,
    DeleteLogAnomalyDetectorCommand: DeleteLogAnomalyDetectorCommand,
    DeleteLogGroupCommand: DeleteLogGroupCommand,
    DeleteLogStreamCommand: DeleteLogStreamCommand,
    DeleteLookupTableCommand: DeleteLookupTableCommand,
    DeleteMetricFilterCommand: DeleteMetricFilterCommand,
    DeleteQueryDefinitionCommand: DeleteQueryDefinitionCommand,
    DeleteResourcePolicyCommand: DeleteResourcePolicyCommand,
    DeleteRetentionPolicyCommand: DeleteRetentionPolicyCommand,
    DeleteScheduledQueryCommand: DeleteScheduledQueryCommand,
    DeleteSubscriptionFilterCommand: DeleteSubscriptionFilterCommand,
    DeleteSyslogConfigurationCommand: DeleteSyslogConfigurationCommand,
    DeleteTransformerCommand: DeleteTransformerCommand,
    DescribeAccountPoliciesCommand: DescribeAccountPoliciesCommand,
    DescribeConfigurationTemplatesCommand: DescribeConfigurationTemplatesCommand,
    DescribeDeliveriesCommand: DescribeDeliveriesCommand,
    DescribeDeliveryDestinationsCommand: DescribeDeliveryDestinationsCommand,
    DescribeDeliverySourcesCommand: DescribeDeliverySourcesCommand,
    DescribeDestinationsCommand: DescribeDestinationsCommand,
    DescribeExportTasksCommand: DescribeExportTasksCommand,
    DescribeFieldIndexesCommand: DescribeFieldIndexesCommand,
    DescribeImportTaskBatchesCommand: DescribeImportTaskBatchesCommand,
    DescribeImportTasksCommand: DescribeImportTasksCommand,
    DescribeIndexPoliciesCommand: DescribeIndexPoliciesCommand,
    DescribeLogGroupsCommand: DescribeLogGroupsCommand,
    DescribeLogStreamsCommand: DescribeLogStreamsCommand,
    DescribeLookupTablesCommand: DescribeLookupTablesCommand,
    DescribeMetricFiltersCommand: DescribeMetricFiltersCommand,
    DescribeQueriesCommand: DescribeQueriesCommand,
    DescribeQueryDefinitionsCommand: DescribeQueryDefinitionsCommand,
    DescribeResourcePoliciesCommand: DescribeResourcePoliciesCommand,
    DescribeSubscriptionFiltersCommand: DescribeSubscriptionFiltersCommand,
    DisassociateKmsKeyCommand: DisassociateKmsKeyCommand,
    DisassociateSourceFromS3TableIntegrationCommand: DisassociateSourceFromS3TableIntegrationCommand,
    FilterLogEventsCommand: FilterLogEventsCommand,
    GetDataProtectionPolicyCommand: GetDataProtectionPolicyCommand,
    GetDeliveryCommand: GetDeliveryCommand,
    GetDeliveryDestinationCommand: GetDeliveryDestinationCommand,
    GetDeliveryDestinationPolicyCommand: GetDeliveryDestinationPolicyCommand,
    GetDeliverySourceCommand: GetDeliverySourceCommand,
    GetIntegrationCommand: GetIntegrationCommand,
    GetLogAnomalyDetectorCommand: GetLogAnomalyDetectorCommand,
    GetLogEventsCommand: GetLogEventsCommand,
    GetLogFieldsCommand: GetLogFieldsCommand,
    GetLogGroupFieldsCommand: GetLogGroupFieldsCommand,
    GetLogObjectCommand: GetLogObjectCommand,
    GetLogRecordCommand: GetLogRecordCommand,
    GetLookupTableCommand: GetLookupTableCommand,
    GetQueryResultsCommand: GetQueryResultsCommand,
    GetScheduledQueryCommand: GetScheduledQueryCommand,
    GetScheduledQueryHistoryCommand: GetScheduledQueryHistoryCommand,
    GetStorageTierPolicyCommand: GetStorageTierPolicyCommand,
    GetTransformerCommand: GetTransformerCommand,
    ListAggregateLogGroupSummariesCommand: ListAggregateLogGroupSummariesCommand,
    ListAnomaliesCommand: ListAnomaliesCommand,
    ListIntegrationsCommand: ListIntegrationsCommand,
    ListLogAnomalyDetectorsCommand: ListLogAnomalyDetectorsCommand,
    ListLogGroupsCommand: ListLogGroupsCommand,
    ListLogGroupsForQueryCommand: ListLogGroupsForQueryCommand,
    ListScheduledQueriesCommand: ListScheduledQueriesCommand,
    ListSourcesForS3TableIntegrationCommand: ListSourcesForS3TableIntegrationCommand,
    ListSyslogConfigurationsCommand: ListSyslogConfigurationsCommand,
    ListTagsForResourceCommand: ListTagsForResourceCommand,
    ListTagsLogGroupCommand: ListTagsLogGroupCommand,
    PutAccountPolicyCommand: PutAccountPolicyCommand,
    PutBearerTokenAuthenticationCommand: PutBearerTokenAuthenticationCommand,
    PutDataProtectionPolicyCommand: PutDataProtectionPolicyCommand,
    PutDeliveryDestinationCommand: PutDeliveryDestinationCommand,
    PutDeliveryDestinationPolicyCommand: PutDeliveryDestinationPolicyCommand,
    PutDeliverySourceCommand: PutDeliverySourceCommand,
    PutDestinationCommand: PutDestinationCommand,
    PutDestinationPolicyCommand: PutDestinationPolicyCommand,
    PutIndexPolicyCommand: PutIndexPolicyCommand,
    PutIntegrationCommand: PutIntegrationCommand,
    PutLogEventsCommand: PutLogEventsCommand,
    PutLogGroupDeletionProtectionCommand: PutLogGroupDeletionProtectionCommand,
    PutMetricFilterCommand: PutMetricFilterCommand,
    PutQueryDefinitionCommand: PutQueryDefinitionCommand,
    PutResourcePolicyCommand: PutResourcePolicyCommand,
    PutRetentionPolicyCommand: PutRetentionPolicyCommand,
    PutStorageTierPolicyCommand: PutStorageTierPolicyCommand,
    PutSubscriptionFilterCommand: PutSubscriptionFilterCommand,
    PutSyslogConfigurationCommand: PutSyslogConfigurationCommand,
    PutTransformerCommand: PutTransformerCommand,
    StartLiveTailCommand: StartLiveTailCommand,
    StartQueryCommand: StartQueryCommand,
    StopQueryCommand: StopQueryCommand,
    TagLogGroupCommand: TagLogGroupCommand,
    TagResourceCommand: TagResourceCommand,
    TestMetricFilterCommand: TestMetricFilterCommand,
    TestTransformerCommand: TestTransformerCommand,
    UntagLogGroupCommand: UntagLogGroupCommand,
    UntagResourceCommand: UntagResourceCommand,
    UpdateAnomalyCommand: UpdateAnomalyCommand,
    UpdateDeliveryConfigurationCommand: UpdateDeliveryConfigurationCommand,
    UpdateLogAnomalyDetectorCommand: UpdateLogAnomalyDetectorCommand,
    UpdateLookupTableCommand: UpdateLookupTableCommand,
    UpdateScheduledQueryCommand: UpdateScheduledQueryCommand,
};
const paginators = {
    paginateDescribeConfigurationTemplates: paginateDescribeConfigurationTemplates,
    paginateDescribeDeliveries: paginateDescribeDeliveries,
    paginateDescribeDeliveryDestinations: paginateDescribeDeliveryDestinations,
    paginateDescribeDeliverySources: paginateDescribeDeliverySources,
    paginateDescribeDestinations: paginateDescribeDestinations,
    paginateDescribeLogGroups: paginateDescribeLogGroups,
    paginateDescribeLogStreams: paginateDescribeLogStreams,
    paginateDescribeMetricFilters: paginateDescribeMetricFilters,
    paginateDescribeSubscriptionFilters: paginateDescribeSubscriptionFilters,
    paginateFilterLogEvents: paginateFilterLogEvents,
    paginateGetLogEvents: paginateGetLogEvents,
    paginateGetScheduledQueryHistory: paginateGetScheduledQueryHistory,
    paginateListAggregateLogGroupSummaries: paginateListAggregateLogGroupSummaries,
    paginateListAnomalies: paginateListAnomalies,
    paginateListLogAnomalyDetectors: paginateListLogAnomalyDetectors,
    paginateListLogGroupsForQuery: paginateListLogGroupsForQuery,
    paginateListScheduledQueries: paginateListScheduledQueries,
    paginateListSourcesForS3TableIntegration: paginateListSourcesForS3TableIntegration,
};
class CloudWatchLogs extends CloudWatchLogsClient/* CloudWatchLogsClient */.T {
}
(0,client.createAggregatedClient)(commands, CloudWatchLogs, { paginators });

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/commands/index.js























































































































;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/pagination/index.js




















;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/models/enums.js
const PolicyType = {
    DATA_PROTECTION_POLICY: "DATA_PROTECTION_POLICY",
    FIELD_INDEX_POLICY: "FIELD_INDEX_POLICY",
    METRIC_EXTRACTION_POLICY: "METRIC_EXTRACTION_POLICY",
    RETENTION_POLICY: "RETENTION_POLICY",
    SUBSCRIPTION_FILTER_POLICY: "SUBSCRIPTION_FILTER_POLICY",
    TRANSFORMER_POLICY: "TRANSFORMER_POLICY",
};
const Scope = {
    ALL: "ALL",
};
const ActionStatus = {
    CLIENT_ERROR: "CLIENT_ERROR",
    COMPLETE: "COMPLETE",
    FAILED: "FAILED",
    IN_PROGRESS: "IN_PROGRESS",
};
const State = {
    Active: "Active",
    Baseline: "Baseline",
    Suppressed: "Suppressed",
};
const AnomalyDetectorStatus = {
    ANALYZING: "ANALYZING",
    DELETED: "DELETED",
    FAILED: "FAILED",
    INITIALIZING: "INITIALIZING",
    PAUSED: "PAUSED",
    TRAINING: "TRAINING",
};
const EvaluationFrequency = {
    FIFTEEN_MIN: "FIFTEEN_MIN",
    FIVE_MIN: "FIVE_MIN",
    ONE_HOUR: "ONE_HOUR",
    ONE_MIN: "ONE_MIN",
    TEN_MIN: "TEN_MIN",
    THIRTY_MIN: "THIRTY_MIN",
};
const ImportStatus = {
    CANCELLED: "CANCELLED",
    COMPLETED: "COMPLETED",
    FAILED: "FAILED",
    IN_PROGRESS: "IN_PROGRESS",
};
const OutputFormat = {
    JSON: "json",
    PARQUET: "parquet",
    PLAIN: "plain",
    RAW: "raw",
    W3C: "w3c",
};
const DeliveryDestinationType = {
    CWL: "CWL",
    FH: "FH",
    S3: "S3",
    XRAY: "XRAY",
};
const DeliverySourceConfigurationSchemaValueType = {
    BOOLEAN: "boolean",
    DOUBLE: "double",
    INT: "int",
    LONG: "long",
    STRING: "string",
};
const LogGroupClass = {
    DELIVERY: "DELIVERY",
    ESSENTIALS: "ESSENTIALS",
    INFREQUENT_ACCESS: "INFREQUENT_ACCESS",
    STANDARD: "STANDARD",
};
const QueryLanguage = {
    CWLI: "CWLI",
    PPL: "PPL",
    SQL: "SQL",
};
const ScheduledQueryState = {
    DISABLED: "DISABLED",
    ENABLED: "ENABLED",
};
const DataProtectionStatus = {
    ACTIVATED: "ACTIVATED",
    ARCHIVED: "ARCHIVED",
    DELETED: "DELETED",
    DISABLED: "DISABLED",
};
const DeliverySourceStatus = {
    ACTIVE: "ACTIVE",
    INACTIVE: "INACTIVE",
};
const DeliverySourceStatusReason = {
    RESOURCE_DELETED: "RESOURCE_DELETED",
};
const ExportTaskStatusCode = {
    CANCELLED: "CANCELLED",
    COMPLETED: "COMPLETED",
    FAILED: "FAILED",
    PENDING: "PENDING",
    PENDING_CANCEL: "PENDING_CANCEL",
    RUNNING: "RUNNING",
};
const IndexCategory = {
    AUTO: "AUTO",
    CUSTOM: "CUSTOM",
    DEFAULT: "DEFAULT",
    INACTIVE: "INACTIVE",
};
const IndexType = {
    FACET: "FACET",
    FIELD_INDEX: "FIELD_INDEX",
};
const IndexSource = {
    ACCOUNT: "ACCOUNT",
    LOG_GROUP: "LOG_GROUP",
};
const InheritedProperty = {
    ACCOUNT_DATA_PROTECTION: "ACCOUNT_DATA_PROTECTION",
};
const OrderBy = {
    LastEventTime: "LastEventTime",
    LogStreamName: "LogStreamName",
};
const StandardUnit = {
    Bits: "Bits",
    BitsSecond: "Bits/Second",
    Bytes: "Bytes",
    BytesSecond: "Bytes/Second",
    Count: "Count",
    CountSecond: "Count/Second",
    Gigabits: "Gigabits",
    GigabitsSecond: "Gigabits/Second",
    Gigabytes: "Gigabytes",
    GigabytesSecond: "Gigabytes/Second",
    Kilobits: "Kilobits",
    KilobitsSecond: "Kilobits/Second",
    Kilobytes: "Kilobytes",
    KilobytesSecond: "Kilobytes/Second",
    Megabits: "Megabits",
    MegabitsSecond: "Megabits/Second",
    Megabytes: "Megabytes",
    MegabytesSecond: "Megabytes/Second",
    Microseconds: "Microseconds",
    Milliseconds: "Milliseconds",
    None: "None",
    Percent: "Percent",
    Seconds: "Seconds",
    Terabits: "Terabits",
    TerabitsSecond: "Terabits/Second",
    Terabytes: "Terabytes",
    TerabytesSecond: "Terabytes/Second",
};
const QueryStatus = {
    Cancelled: "Cancelled",
    Complete: "Complete",
    Failed: "Failed",
    Running: "Running",
    Scheduled: "Scheduled",
    Timeout: "Timeout",
    Unknown: "Unknown",
};
const PolicyScope = {
    ACCOUNT: "ACCOUNT",
    RESOURCE: "RESOURCE",
};
const Distribution = {
    ByLogStream: "ByLogStream",
    Random: "Random",
};
const EntityRejectionErrorType = {
    ENTITY_SIZE_TOO_LARGE: "EntitySizeTooLarge",
    INVALID_ATTRIBUTES: "InvalidAttributes",
    INVALID_ENTITY: "InvalidEntity",
    INVALID_KEY_ATTRIBUTE: "InvalidKeyAttributes",
    INVALID_TYPE_VALUE: "InvalidTypeValue",
    MISSING_REQUIRED_FIELDS: "MissingRequiredFields",
    UNSUPPORTED_LOG_GROUP_TYPE: "UnsupportedLogGroupType",
};
const EventSource = {
    AWSWAF: "AWSWAF",
    CLOUD_TRAIL: "CloudTrail",
    EKS_AUDIT: "EKSAudit",
    ROUTE53_RESOLVER: "Route53Resolver",
    VPC_FLOW: "VPCFlow",
};
const ExecutionStatus = {
    Complete: "Complete",
    Failed: "Failed",
    InvalidQuery: "InvalidQuery",
    Running: "Running",
    Timeout: "Timeout",
};
const FlattenedElement = {
    FIRST: "first",
    LAST: "last",
};
const OpenSearchResourceStatusType = {
    ACTIVE: "ACTIVE",
    ERROR: "ERROR",
    NOT_FOUND: "NOT_FOUND",
};
const IntegrationStatus = {
    ACTIVE: "ACTIVE",
    FAILED: "FAILED",
    PROVISIONING: "PROVISIONING",
};
const IntegrationType = {
    OPENSEARCH: "OPENSEARCH",
};
const ScheduleType = {
    AWS_MANAGED: "AWS_MANAGED",
    CUSTOMER_MANAGED: "CUSTOMER_MANAGED",
};
const ScheduledQueryDestinationType = {
    LOOKUP_TABLE: "LOOKUP_TABLE",
    S3: "S3",
};
const StorageTier = {
    INTELLIGENT_TIERING: "INTELLIGENT_TIERING",
    STANDARD: "STANDARD",
};
const OCSFVersion = {
    V1_1: "V1.1",
    V1_5: "V1.5",
};
const Type = {
    BOOLEAN: "boolean",
    DOUBLE: "double",
    INTEGER: "integer",
    STRING: "string",
};
const ListAggregateLogGroupSummariesGroupBy = {
    DATA_SOURCE_NAME_AND_TYPE: "DATA_SOURCE_NAME_AND_TYPE",
    DATA_SOURCE_NAME_TYPE_AND_FORMAT: "DATA_SOURCE_NAME_TYPE_AND_FORMAT",
};
const SuppressionState = {
    SUPPRESSED: "SUPPRESSED",
    UNSUPPRESSED: "UNSUPPRESSED",
};
const S3TableIntegrationSourceStatus = {
    ACTIVE: "ACTIVE",
    DATA_SOURCE_DELETE_IN_PROGRESS: "DATA_SOURCE_DELETE_IN_PROGRESS",
    FAILED: "FAILED",
    UNHEALTHY: "UNHEALTHY",
};
const SyslogSourceType = {
    VPCE: "VPCE",
};
const SuppressionUnit = {
    HOURS: "HOURS",
    MINUTES: "MINUTES",
    SECONDS: "SECONDS",
};
const SuppressionType = {
    INFINITE: "INFINITE",
    LIMITED: "LIMITED",
};

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/models/errors.js
var errors = __webpack_require__(2515);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/models/CloudWatchLogsServiceException.js
var CloudWatchLogsServiceException = __webpack_require__(3631);
;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-es/index.js













/***/ })

};
;