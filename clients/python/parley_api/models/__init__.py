"""Contains all the data models used in inputs/outputs"""

from .admin_create_widget_body import AdminCreateWidgetBody
from .admin_widget import AdminWidget
from .agent_analytics import AgentAnalytics
from .agent_figures import AgentFigures
from .agent_loop import AgentLoop
from .agent_loop_completed import AgentLoopCompleted
from .agent_loop_execution import AgentLoopExecution
from .agent_loop_input import AgentLoopInput
from .agent_performance import AgentPerformance
from .agent_series_point import AgentSeriesPoint
from .agent_tool import AgentTool
from .analytics_period import AnalyticsPeriod
from .api_key import ApiKey
from .ask import Ask
from .assign_request import AssignRequest
from .attach_label_request import AttachLabelRequest
from .attachment import Attachment
from .available_transport import AvailableTransport
from .billing_interval import BillingInterval
from .billing_usage import BillingUsage
from .bot import Bot
from .bot_analytics import BotAnalytics
from .bot_input import BotInput
from .bot_meta import BotMeta
from .bot_metrics import BotMetrics
from .bot_series_point import BotSeriesPoint
from .bot_settings import BotSettings
from .bot_settings_input import BotSettingsInput
from .bot_status import BotStatus
from .business_hours import BusinessHours
from .canned_response import CannedResponse
from .canned_scope import CannedScope
from .cbk_bot import CbkBot
from .cbk_bot_input import CbkBotInput
from .cbk_bot_meta import CbkBotMeta
from .cbk_complete_request import CbkCompleteRequest
from .cbk_complete_result import CbkCompleteResult
from .cbk_conversation import CbkConversation
from .cbk_conversation_input import CbkConversationInput
from .cbk_conversation_meta import CbkConversationMeta
from .cbk_dataset import CbkDataset
from .cbk_dataset_input import CbkDatasetInput
from .cbk_dataset_meta import CbkDatasetMeta
from .cbk_end import CbkEnd
from .cbk_error import CbkError
from .cbk_id import CbkId
from .cbk_list_cbk_bot import CbkListCbkBot
from .cbk_list_cbk_bot_items_item import CbkListCbkBotItemsItem
from .cbk_list_cbk_bot_items_item_meta import CbkListCbkBotItemsItemMeta
from .cbk_list_cbk_conversation import CbkListCbkConversation
from .cbk_list_cbk_conversation_items_item import CbkListCbkConversationItemsItem
from .cbk_list_cbk_conversation_items_item_meta import (
    CbkListCbkConversationItemsItemMeta,
)
from .cbk_list_cbk_dataset import CbkListCbkDataset
from .cbk_list_cbk_dataset_items_item import CbkListCbkDatasetItemsItem
from .cbk_list_cbk_dataset_items_item_meta import CbkListCbkDatasetItemsItemMeta
from .cbk_list_cbk_message import CbkListCbkMessage
from .cbk_list_cbk_message_items_item import CbkListCbkMessageItemsItem
from .cbk_list_cbk_message_items_item_meta import CbkListCbkMessageItemsItemMeta
from .cbk_list_cbk_partner_user import CbkListCbkPartnerUser
from .cbk_list_cbk_partner_user_items_item import CbkListCbkPartnerUserItemsItem
from .cbk_list_cbk_partner_user_items_item_meta import (
    CbkListCbkPartnerUserItemsItemMeta,
)
from .cbk_message import CbkMessage
from .cbk_message_meta import CbkMessageMeta
from .cbk_message_type import CbkMessageType
from .cbk_partner_user import CbkPartnerUser
from .cbk_partner_user_meta import CbkPartnerUserMeta
from .cbk_stream_event_type_0_data import CbkStreamEventType0Data
from .cbk_stream_event_type_0_type import CbkStreamEventType0Type
from .cbk_stream_event_type_1 import CbkStreamEventType1
from .cbk_stream_event_type_1_type import CbkStreamEventType1Type
from .cbk_stream_event_type_2 import CbkStreamEventType2
from .cbk_stream_event_type_2_type import CbkStreamEventType2Type
from .cbk_usage import CbkUsage
from .channel import Channel
from .channel_input import ChannelInput
from .channel_kind import ChannelKind
from .channel_status import ChannelStatus
from .chat import Chat
from .chat_history import ChatHistory
from .chat_input import ChatInput
from .chat_message import ChatMessage
from .chat_request import ChatRequest
from .chat_request_context_type_0 import ChatRequestContextType0
from .chat_response import ChatResponse
from .chat_role import ChatRole
from .chat_status import ChatStatus
from .chat_turn import ChatTurn
from .chatbotkit_spec_response_200 import ChatbotkitSpecResponse200
from .check import Check
from .checkout_request import CheckoutRequest
from .checkout_session import CheckoutSession
from .contact import Contact
from .contact_attributes import ContactAttributes
from .contact_details import ContactDetails
from .contact_export import ContactExport
from .conversation import Conversation
from .conversation_metadata import ConversationMetadata
from .conversation_rating import ConversationRating
from .conversation_stats import ConversationStats
from .conversation_status import ConversationStatus
from .create_api_key_request import CreateApiKeyRequest
from .create_bot_body import CreateBotBody
from .create_canned_response_request import CreateCannedResponseRequest
from .create_chat_request import CreateChatRequest
from .create_label_request import CreateLabelRequest
from .create_user_request import CreateUserRequest
from .create_webhook_request import CreateWebhookRequest
from .create_widget_body import CreateWidgetBody
from .created_api_key import CreatedApiKey
from .created_webhook import CreatedWebhook
from .daily_activity import DailyActivity
from .delivery_status import DeliveryStatus
from .error_code import ErrorCode
from .execution_status import ExecutionStatus
from .execution_step import ExecutionStep
from .execution_step_input import ExecutionStepInput
from .execution_step_output import ExecutionStepOutput
from .execution_trigger import ExecutionTrigger
from .exported_conversation import ExportedConversation
from .faq_pair import FaqPair
from .follow_up import FollowUp
from .follow_up_request import FollowUpRequest
from .granularity import Granularity
from .handoff_rules import HandoffRules
from .health_checks import HealthChecks
from .health_report import HealthReport
from .health_status import HealthStatus
from .human_input_mode import HumanInputMode
from .identity_check import IdentityCheck
from .identity_check_request import IdentityCheckRequest
from .identity_secret import IdentitySecret
from .inbound_accepted import InboundAccepted
from .inbound_message import InboundMessage
from .integration import Integration
from .integration_input import IntegrationInput
from .integration_kind import IntegrationKind
from .integration_meta import IntegrationMeta
from .integration_status import IntegrationStatus
from .invoice import Invoice
from .key_environment import KeyEnvironment
from .key_scope import KeyScope
from .knowledge_chunks import KnowledgeChunks
from .knowledge_kind import KnowledgeKind
from .knowledge_source import KnowledgeSource
from .knowledge_source_input import KnowledgeSourceInput
from .knowledge_source_input_meta_type_0 import KnowledgeSourceInputMetaType0
from .knowledge_source_meta import KnowledgeSourceMeta
from .knowledge_status import KnowledgeStatus
from .label import Label
from .label_ref import LabelRef
from .loop_engine import LoopEngine
from .loop_schedule import LoopSchedule
from .message import Message
from .message_stats import MessageStats
from .meta_change import MetaChange
from .meta_change_meta_type_0 import MetaChangeMetaType0
from .meta_change_update_type_0 import MetaChangeUpdateType0
from .negotiate_response import NegotiateResponse
from .open_api_spec_response_200 import OpenApiSpecResponse200
from .open_span import OpenSpan
from .outbox_email import OutboxEmail
from .page_agent_loop import PageAgentLoop
from .page_agent_loop_data_item import PageAgentLoopDataItem
from .page_agent_loop_execution import PageAgentLoopExecution
from .page_agent_loop_execution_data_item import PageAgentLoopExecutionDataItem
from .page_api_key import PageApiKey
from .page_api_key_data_item import PageApiKeyDataItem
from .page_bot import PageBot
from .page_bot_data_item import PageBotDataItem
from .page_bot_data_item_meta import PageBotDataItemMeta
from .page_canned_response import PageCannedResponse
from .page_canned_response_data_item import PageCannedResponseDataItem
from .page_channel import PageChannel
from .page_channel_data_item import PageChannelDataItem
from .page_chat import PageChat
from .page_chat_data_item import PageChatDataItem
from .page_chat_message import PageChatMessage
from .page_chat_message_data_item import PageChatMessageDataItem
from .page_contact import PageContact
from .page_contact_data_item import PageContactDataItem
from .page_contact_data_item_attributes import PageContactDataItemAttributes
from .page_conversation import PageConversation
from .page_conversation_data_item import PageConversationDataItem
from .page_conversation_data_item_metadata import PageConversationDataItemMetadata
from .page_integration import PageIntegration
from .page_integration_data_item import PageIntegrationDataItem
from .page_integration_data_item_meta import PageIntegrationDataItemMeta
from .page_knowledge_source import PageKnowledgeSource
from .page_knowledge_source_data_item import PageKnowledgeSourceDataItem
from .page_knowledge_source_data_item_meta import PageKnowledgeSourceDataItemMeta
from .page_label import PageLabel
from .page_label_data_item import PageLabelDataItem
from .page_message import PageMessage
from .page_message_data_item import PageMessageDataItem
from .page_sub_account import PageSubAccount
from .page_sub_account_data_item import PageSubAccountDataItem
from .page_sub_account_data_item_meta import PageSubAccountDataItemMeta
from .page_webhook import PageWebhook
from .page_webhook_data_item import PageWebhookDataItem
from .page_webhook_delivery import PageWebhookDelivery
from .page_webhook_delivery_data_item import PageWebhookDeliveryDataItem
from .password_grant import PasswordGrant
from .payment_provider import PaymentProvider
from .payment_started import PaymentStarted
from .plan import Plan
from .plan_price import PlanPrice
from .planned_step import PlannedStep
from .planned_step_input import PlannedStepInput
from .portal_session import PortalSession
from .pre_chat import PreChat
from .problem import Problem
from .problem_errors import ProblemErrors
from .rate_conversation_request import RateConversationRequest
from .response_style import ResponseStyle
from .resume_request import ResumeRequest
from .rocket_flow_analytics import RocketFlowAnalytics
from .rocket_flow_analytics_metrics import RocketFlowAnalyticsMetrics
from .rocket_flow_analytics_period import RocketFlowAnalyticsPeriod
from .rocket_flow_chat_history import RocketFlowChatHistory
from .rocket_flow_chat_request import RocketFlowChatRequest
from .rocket_flow_chat_request_context_type_0 import RocketFlowChatRequestContextType0
from .rocket_flow_chat_response import RocketFlowChatResponse
from .rocket_flow_chatbot import RocketFlowChatbot
from .rocket_flow_chatbot_details import RocketFlowChatbotDetails
from .rocket_flow_chatbot_list import RocketFlowChatbotList
from .rocket_flow_chatbot_settings import RocketFlowChatbotSettings
from .rocket_flow_error import RocketFlowError
from .rocket_flow_error_body import RocketFlowErrorBody
from .rocket_flow_error_body_details import RocketFlowErrorBodyDetails
from .rocket_flow_error_code import RocketFlowErrorCode
from .rocket_flow_knowledge_source import RocketFlowKnowledgeSource
from .rocket_flow_webhook import RocketFlowWebhook
from .rocket_flow_webhook_data import RocketFlowWebhookData
from .rocket_flow_webhook_payload import RocketFlowWebhookPayload
from .role import Role
from .search_match import SearchMatch
from .send_message_request import SendMessageRequest
from .sender_type import SenderType
from .sign_up_accepted import SignUpAccepted
from .sign_up_request import SignUpRequest
from .source import Source
from .spec_document import SpecDocument
from .start_conversation_request import StartConversationRequest
from .start_conversation_request_metadata_type_0 import (
    StartConversationRequestMetadataType0,
)
from .started_conversation import StartedConversation
from .step_kind import StepKind
from .step_status import StepStatus
from .sub_account import SubAccount
from .sub_account_input import SubAccountInput
from .sub_account_meta import SubAccountMeta
from .sub_account_usage import SubAccountUsage
from .subscription_status import SubscriptionStatus
from .team_member import TeamMember
from .token_response import TokenResponse
from .top_question import TopQuestion
from .update_canned_response_request import UpdateCannedResponseRequest
from .update_contact_request import UpdateContactRequest
from .update_contact_request_attributes_type_0 import (
    UpdateContactRequestAttributesType0,
)
from .update_label_request import UpdateLabelRequest
from .update_user_request import UpdateUserRequest
from .update_webhook_request import UpdateWebhookRequest
from .user import User
from .verify_request import VerifyRequest
from .webhook import Webhook
from .webhook_delivery import WebhookDelivery
from .webhook_dialect import WebhookDialect
from .webhook_event import WebhookEvent
from .weekday import Weekday
from .widget import Widget
from .widget_activity import WidgetActivity
from .widget_config import WidgetConfig
from .widget_config_texts import WidgetConfigTexts
from .widget_input import WidgetInput
from .widget_input_texts_type_0 import WidgetInputTextsType0
from .widget_stats import WidgetStats
from .widget_texts import WidgetTexts

__all__ = (
    "AdminCreateWidgetBody",
    "AdminWidget",
    "AgentAnalytics",
    "AgentFigures",
    "AgentLoop",
    "AgentLoopCompleted",
    "AgentLoopExecution",
    "AgentLoopInput",
    "AgentPerformance",
    "AgentSeriesPoint",
    "AgentTool",
    "AnalyticsPeriod",
    "ApiKey",
    "Ask",
    "AssignRequest",
    "AttachLabelRequest",
    "Attachment",
    "AvailableTransport",
    "BillingInterval",
    "BillingUsage",
    "Bot",
    "BotAnalytics",
    "BotInput",
    "BotMeta",
    "BotMetrics",
    "BotSeriesPoint",
    "BotSettings",
    "BotSettingsInput",
    "BotStatus",
    "BusinessHours",
    "CannedResponse",
    "CannedScope",
    "CbkBot",
    "CbkBotInput",
    "CbkBotMeta",
    "CbkCompleteRequest",
    "CbkCompleteResult",
    "CbkConversation",
    "CbkConversationInput",
    "CbkConversationMeta",
    "CbkDataset",
    "CbkDatasetInput",
    "CbkDatasetMeta",
    "CbkEnd",
    "CbkError",
    "CbkId",
    "CbkListCbkBot",
    "CbkListCbkBotItemsItem",
    "CbkListCbkBotItemsItemMeta",
    "CbkListCbkConversation",
    "CbkListCbkConversationItemsItem",
    "CbkListCbkConversationItemsItemMeta",
    "CbkListCbkDataset",
    "CbkListCbkDatasetItemsItem",
    "CbkListCbkDatasetItemsItemMeta",
    "CbkListCbkMessage",
    "CbkListCbkMessageItemsItem",
    "CbkListCbkMessageItemsItemMeta",
    "CbkListCbkPartnerUser",
    "CbkListCbkPartnerUserItemsItem",
    "CbkListCbkPartnerUserItemsItemMeta",
    "CbkMessage",
    "CbkMessageMeta",
    "CbkMessageType",
    "CbkPartnerUser",
    "CbkPartnerUserMeta",
    "CbkStreamEventType0Data",
    "CbkStreamEventType0Type",
    "CbkStreamEventType1",
    "CbkStreamEventType1Type",
    "CbkStreamEventType2",
    "CbkStreamEventType2Type",
    "CbkUsage",
    "Channel",
    "ChannelInput",
    "ChannelKind",
    "ChannelStatus",
    "Chat",
    "ChatHistory",
    "ChatInput",
    "ChatMessage",
    "ChatRequest",
    "ChatRequestContextType0",
    "ChatResponse",
    "ChatRole",
    "ChatStatus",
    "ChatTurn",
    "ChatbotkitSpecResponse200",
    "Check",
    "CheckoutRequest",
    "CheckoutSession",
    "Contact",
    "ContactAttributes",
    "ContactDetails",
    "ContactExport",
    "Conversation",
    "ConversationMetadata",
    "ConversationRating",
    "ConversationStats",
    "ConversationStatus",
    "CreateApiKeyRequest",
    "CreateBotBody",
    "CreateCannedResponseRequest",
    "CreateChatRequest",
    "CreateLabelRequest",
    "CreateUserRequest",
    "CreateWebhookRequest",
    "CreateWidgetBody",
    "CreatedApiKey",
    "CreatedWebhook",
    "DailyActivity",
    "DeliveryStatus",
    "ErrorCode",
    "ExecutionStatus",
    "ExecutionStep",
    "ExecutionStepInput",
    "ExecutionStepOutput",
    "ExecutionTrigger",
    "ExportedConversation",
    "FaqPair",
    "FollowUp",
    "FollowUpRequest",
    "Granularity",
    "HandoffRules",
    "HealthChecks",
    "HealthReport",
    "HealthStatus",
    "HumanInputMode",
    "IdentityCheck",
    "IdentityCheckRequest",
    "IdentitySecret",
    "InboundAccepted",
    "InboundMessage",
    "Integration",
    "IntegrationInput",
    "IntegrationKind",
    "IntegrationMeta",
    "IntegrationStatus",
    "Invoice",
    "KeyEnvironment",
    "KeyScope",
    "KnowledgeChunks",
    "KnowledgeKind",
    "KnowledgeSource",
    "KnowledgeSourceInput",
    "KnowledgeSourceInputMetaType0",
    "KnowledgeSourceMeta",
    "KnowledgeStatus",
    "Label",
    "LabelRef",
    "LoopEngine",
    "LoopSchedule",
    "Message",
    "MessageStats",
    "MetaChange",
    "MetaChangeMetaType0",
    "MetaChangeUpdateType0",
    "NegotiateResponse",
    "OpenApiSpecResponse200",
    "OpenSpan",
    "OutboxEmail",
    "PageAgentLoop",
    "PageAgentLoopDataItem",
    "PageAgentLoopExecution",
    "PageAgentLoopExecutionDataItem",
    "PageApiKey",
    "PageApiKeyDataItem",
    "PageBot",
    "PageBotDataItem",
    "PageBotDataItemMeta",
    "PageCannedResponse",
    "PageCannedResponseDataItem",
    "PageChannel",
    "PageChannelDataItem",
    "PageChat",
    "PageChatDataItem",
    "PageChatMessage",
    "PageChatMessageDataItem",
    "PageContact",
    "PageContactDataItem",
    "PageContactDataItemAttributes",
    "PageConversation",
    "PageConversationDataItem",
    "PageConversationDataItemMetadata",
    "PageIntegration",
    "PageIntegrationDataItem",
    "PageIntegrationDataItemMeta",
    "PageKnowledgeSource",
    "PageKnowledgeSourceDataItem",
    "PageKnowledgeSourceDataItemMeta",
    "PageLabel",
    "PageLabelDataItem",
    "PageMessage",
    "PageMessageDataItem",
    "PageSubAccount",
    "PageSubAccountDataItem",
    "PageSubAccountDataItemMeta",
    "PageWebhook",
    "PageWebhookDataItem",
    "PageWebhookDelivery",
    "PageWebhookDeliveryDataItem",
    "PasswordGrant",
    "PaymentProvider",
    "PaymentStarted",
    "Plan",
    "PlanPrice",
    "PlannedStep",
    "PlannedStepInput",
    "PortalSession",
    "PreChat",
    "Problem",
    "ProblemErrors",
    "RateConversationRequest",
    "ResponseStyle",
    "ResumeRequest",
    "RocketFlowAnalytics",
    "RocketFlowAnalyticsMetrics",
    "RocketFlowAnalyticsPeriod",
    "RocketFlowChatHistory",
    "RocketFlowChatRequest",
    "RocketFlowChatRequestContextType0",
    "RocketFlowChatResponse",
    "RocketFlowChatbot",
    "RocketFlowChatbotDetails",
    "RocketFlowChatbotList",
    "RocketFlowChatbotSettings",
    "RocketFlowError",
    "RocketFlowErrorBody",
    "RocketFlowErrorBodyDetails",
    "RocketFlowErrorCode",
    "RocketFlowKnowledgeSource",
    "RocketFlowWebhook",
    "RocketFlowWebhookData",
    "RocketFlowWebhookPayload",
    "Role",
    "SearchMatch",
    "SendMessageRequest",
    "SenderType",
    "SignUpAccepted",
    "SignUpRequest",
    "Source",
    "SpecDocument",
    "StartConversationRequest",
    "StartConversationRequestMetadataType0",
    "StartedConversation",
    "StepKind",
    "StepStatus",
    "SubAccount",
    "SubAccountInput",
    "SubAccountMeta",
    "SubAccountUsage",
    "SubscriptionStatus",
    "TeamMember",
    "TokenResponse",
    "TopQuestion",
    "UpdateCannedResponseRequest",
    "UpdateContactRequest",
    "UpdateContactRequestAttributesType0",
    "UpdateLabelRequest",
    "UpdateUserRequest",
    "UpdateWebhookRequest",
    "User",
    "VerifyRequest",
    "Webhook",
    "WebhookDelivery",
    "WebhookDialect",
    "WebhookEvent",
    "Weekday",
    "Widget",
    "WidgetActivity",
    "WidgetConfig",
    "WidgetConfigTexts",
    "WidgetInput",
    "WidgetInputTextsType0",
    "WidgetStats",
    "WidgetTexts",
)
