pub mod composer;
pub mod message_bubble;
pub mod message_text;
pub mod panel;
pub mod pending_bubble;
pub mod pre_chat_form;
pub mod rating_prompt;
pub mod source_list;
