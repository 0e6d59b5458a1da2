/**
 * fenhuo (分货): a pure, deterministic engine for the sales-order fulfilment of
 * a brand selling through franchisees and through direct and concession stores.
 *
 * @packageDocumentation
 */

// The allocation run, its plan and its explanation.

export type { SafeAllocateResult } from "./allocation/allocate.js";
export { allocate, runAllocation, safeAllocate } from "./allocation/allocate.js";
export { carryForward } from "./allocation/carry.js";
export type { ExplainRef, Explanation } from "./allocation/explain.js";
export { explain } from "./allocation/explain.js";
export type { LockPhase } from "./allocation/locks.js";
export { isLockExpired, lockBlockedUntil, lockExpiresOn, lockPhase } from "./allocation/locks.js";
export type {
  AllocationPlan,
  Balance,
  ConversionDecision,
  Decision,
  ExpiryDecision,
  FranchiseeAllocation,
  FundedDecision,
  Limit,
  LockDecision,
  PaymentRequest,
  PlannedLock,
  PlanPreview,
  RegionAllocation,
  RegionDecision,
  ReleasedLock,
  Remaining,
  StoreAllocation,
  StoreDecision,
  Unfilled,
  Warning,
} from "./allocation/plan.js";
export { planIdOf } from "./allocation/planId.js";
export type { SafePreviewAllocationResult } from "./allocation/preview.js";
export { previewAllocation, safePreviewAllocation } from "./allocation/preview.js";
export { franchiseePriorities } from "./allocation/priorities.js";
export type {
  FactorFranchisee,
  FactorOrder,
  FranchiseePriority,
  PriorityFactor,
  PriorityFactors,
  SameScore,
} from "./domain/priorityFactors.js";
export { PRIORITY_FACTORS, SAME_SCORE } from "./domain/priorityFactors.js";
// R-WHATIF: plans side by side, and one input under several policies.
export type {
  Channels,
  CommittedMoney,
  DemandChange,
  DemandSide,
  FillRate,
  FillRates,
  MoneyChange,
  PlanComparison,
  SkuChange,
} from "./planning/compare.js";
export { comparePlans } from "./planning/compare.js";
export type {
  ExceptionCode,
  ExceptionOptions,
  ExceptionSeverity,
  PlanException,
} from "./planning/exceptions.js";
export { EXCEPTION_CODES, EXCEPTION_SEVERITIES, exceptions } from "./planning/exceptions.js";
export type { Simulation } from "./planning/simulate.js";
export { simulate } from "./planning/simulate.js";
export type { ArrivalInput, PreviewOptions } from "./schema/previewWire.js";
export type { PriorityFactorsInput } from "./schema/priorityFactorsWire.js";

// Policies, every default, and the closed sets of values.

export type { AllocationPolicy, LeadTimes, SlaPolicy } from "./domain/policy.js";
export {
  ALLOCATION_POLICY_FIELDS,
  DEFAULT_CURRENCY,
  DEFAULT_LEAD_TIMES,
  DEFAULT_POLICY,
  DEFAULT_SLA_POLICY,
  defaultsOf,
  LEAD_TIME_FIELDS,
  SLA_POLICY_FIELDS,
} from "./domain/policy.js";
export type {
  ChoiceField,
  FlagField,
  KeysField,
  PolicyField,
  PolicyInput,
  PolicyOf,
  RankingField,
  RatioField,
  SeasonalField,
  WholeField,
} from "./domain/policyField.js";
export type {
  AfterShortfall,
  AllocationSource,
  FranchiseeRanking,
  FranchiseeTieBreak,
  PartialBy,
  PreviewMoney,
  Season,
  SellingSeason,
  ShareMode,
  ShipClockStart,
  SpendOrder,
  StoreClass,
  StoreOperation,
  UnfilledReason,
} from "./domain/vocabulary.js";
export {
  AFTER_SHORTFALL,
  ALLOCATION_SOURCES,
  FRANCHISEE_RANKINGS,
  FRANCHISEE_TIE_BREAKS,
  LIMITS,
  PARTIAL_BY,
  PREVIEW_MONEY,
  SEASONS,
  SELLING_SEASONS,
  SHARE_MODES,
  SHIP_CLOCK_STARTS,
  SPEND_ORDERS,
  STORE_CLASSES,
  STORE_OPERATIONS,
  UNFILLED_REASONS,
} from "./domain/vocabulary.js";

// Values: dates, money, ids, rule IDs and the trusted input types.

export type { Branded } from "./domain/brand.js";
export type { IsoDate } from "./domain/dates.js";
export { addDays, daysBetween, isIsoDate, parseIsoDate } from "./domain/dates.js";
export type { SpendSplit } from "./domain/money.js";
export { affordableUnits, formatAmount, Money, splitSpend } from "./domain/money.js";
export type { RuleId } from "./domain/rules.js";
export { RULE } from "./domain/rules.js";
export type {
  AllocationRequest,
  Commitment,
  Franchisee,
  Holdback,
  HoldFor,
  Lock,
  Order,
  OrderLine,
  Product,
  Region,
  RegionNeed,
  Store,
  StoreNeed,
  SupplyRow,
} from "./domain/types.js";

// The orderings, as building blocks (R-RANK-*).

export type { FranchiseeStanding } from "./ranking/franchisees.js";
export {
  compareByPriority,
  compareFranchisees,
  isFunded,
  levelBeforeTieBreak,
} from "./ranking/franchisees.js";
export type { LineKey } from "./ranking/lines.js";
export { compareLines } from "./ranking/lines.js";
export type { ProductKey } from "./ranking/products.js";
export { compareProducts, productPriority } from "./ranking/products.js";
export type { RegionOrder } from "./ranking/regions.js";
export { regionServingOrder, seasonInForce } from "./ranking/regions.js";
export type { StoreKey } from "./ranking/stores.js";
export { compareStores } from "./ranking/stores.js";

// The franchisee funds and credit ledger (seed 6.4.1, 6.4.4; R-POST-1, R-POST-2).

export type { AccountBalances, FundsAndCredit } from "./ledger/balances.js";
export { availableCreditOf, spendableOf } from "./ledger/balances.js";
export type {
  DepositEntry,
  EntryTrail,
  LedgerEntry,
  RefundEntry,
  ShipmentEntry,
  SnapshotEntry,
} from "./ledger/entries.js";
export type {
  BackdatedEventError,
  CreditLimitExceededError,
  DuplicateEventError,
  InvalidEventError,
  PostingError,
  PostingErrorCode,
  UnknownFranchiseeError,
} from "./ledger/errors.js";
export type {
  AmountInput,
  DepositEvent,
  EventHeader,
  LedgerEvent,
  LedgerEventInput,
  LedgerEventKind,
  RefundEvent,
  ShipmentEvent,
  SnapshotEvent,
} from "./ledger/events.js";
export type { Ledger, LedgerAccount, LedgerInput, SafeOpenLedgerResult } from "./ledger/ledger.js";
export { accountOf, openLedger, safeOpenLedger } from "./ledger/ledger.js";
export type { PostAllResult, PostOptions, PostResult } from "./ledger/post.js";
export { post, postAll } from "./ledger/post.js";

// The order lifecycle: the machine, transitions, plan → orders, picking (R-LIFE-*).

export type { Bucket, HeaderState } from "./domain/vocabulary.js";
export { BUCKETS, HEADER_STATES, RETURNABLE_BUCKETS } from "./domain/vocabulary.js";
export type { ApplyPlanResult } from "./lifecycle/applyPlan.js";
export { allocationDemand, applyPlan } from "./lifecycle/applyPlan.js";
export { lifecycleDiagram } from "./lifecycle/diagram.js";

export type { BucketEdge, EventSpec, EventType } from "./lifecycle/machine.js";
export { BUCKET_EDGES, LIFECYCLE } from "./lifecycle/machine.js";
export type {
  AuditEntry,
  Buckets,
  Effect,
  LineLock,
  SalesOrder,
  SalesOrderLine,
} from "./lifecycle/order.js";
export type { Destination, PickLine, PickList } from "./lifecycle/picking.js";
export { pickLists, postPickList } from "./lifecycle/picking.js";
export { ledgerEventOf } from "./lifecycle/postings.js";
export { receiveOrder } from "./lifecycle/receive.js";
export type { Actor, TransitionError, TransitionResult } from "./lifecycle/transition.js";
export { isFulfilled, transition } from "./lifecycle/transition.js";
export { verifyOrder } from "./lifecycle/verify.js";
export type {
  LifecycleEvent,
  LifecycleEventInput,
  ReceivedOrderInput,
} from "./schema/lifecycleWire.js";

// Service levels: the working-day calendar and the SLA clocks (R-SLA-*).

export type { WorkCalendarInput } from "./schema/calendarWire.js";
export type { AfterSalesRequestInput } from "./schema/slaWire.js";
export type { WorkCalendar } from "./timeline/calendar.js";
export {
  addHours,
  addWorkingDays,
  inCalendarZone,
  isWorkingDay,
  localDateOf,
  parseWorkCalendar,
  safeParseWorkCalendar,
} from "./timeline/calendar.js";
export type { ShipClock, SlaClock, SlaId, SlaStatus } from "./timeline/sla.js";
export {
  formatDuration,
  orderSla,
  shippedAt,
  slaBreaches,
} from "./timeline/sla.js";
export type { SlaOptions } from "./timeline/slaOptions.js";

// Supply notices (R-SUP-1..4).

export type { PurchaseOrderInput, SupplyNoticesInput } from "./schema/supplyWire.js";
export type { SafeSupplyNoticesResult } from "./timeline/notices.js";
export { safeSupplyNotices, supplyNotices } from "./timeline/notices.js";
export type {
  ConfirmationOverdueNotice,
  ExpectedSupply,
  FundPreparationLine,
  FundPreparationNotice,
  SupplyNotice,
  SupplyNoticeKind,
  WarehouseReceivingNotice,
} from "./timeline/supplyNotice.js";
export { SUPPLY_NOTICE_KINDS } from "./timeline/supplyNotice.js";

// Indicators (R-KPI-1).

export type { IndicatorSources, Indicators, Rates, Ratio } from "./timeline/indicators.js";
export { indicators, ratio } from "./timeline/indicators.js";

// The JSON contracts, their issues and the one error type.

export type { CarryNext } from "./schema/carryWire.js";
export type {
  AllocationInput,
  AllocationPolicyInput,
  CommitmentInput,
  FranchiseeInput,
  HoldbackInput,
  InputOf,
  LockInput,
  OrderInput,
  OrderLineInput,
  ProductInput,
  RegionInput,
  RegionNeedInput,
  SeasonalInput,
  StoreInput,
  StoreNeedInput,
  SupplyInput,
  UntypedInput,
  Widened,
} from "./schema/inputTypes.js";
export type { Issue, IssueCode, ParseResult, Path, Result } from "./schema/issues.js";
export { formatPath, InputError, ISSUE_CODES, issue } from "./schema/issues.js";
export { inputJsonSchema, planJsonSchema } from "./schema/jsonSchema.js";
export { parseAllocationInput } from "./schema/parseInput.js";
export { MAX_QUANTITY } from "./schema/wire.js";

// Bundles: an ERP's export (CSV files or a workbook's sheets) read through a column mapping.

export type { Bundle, BundleOptions, BundleProblem } from "./bundle/bundle.js";
export { assembleBundle } from "./bundle/bundle.js";
export type { CellFormat } from "./bundle/cells.js";
export type { ColumnMapping, FileMapping } from "./bundle/mapping.js";
export { parseColumnMapping } from "./bundle/mapping.js";
export type { DateFormat } from "./schema/mappingWire.js";
export { DATE_FORMATS } from "./schema/mappingWire.js";
