pub mod composer;
pub mod message_bubble;
pub mod panel;
pub mod pending_bubble;
pub mod source_list;
