//! Replies by email for a visitor who is away. The visitor leaves an address (on a page the
//! widget accepts, with the widget's consent when it asks for one); their room emails what
//! the team wrote while they were gone, with a signed link back to the page that reopens the
//! conversation (for a week) and one that stops the emails.

use super::conversations::{accepting_widget, with_visitor_token};
use crate::auth::jwt::TokenKind;
use crate::auth::{self, VisitorPrincipal};
use crate::email::{self, Email};
use crate::error::{ApiError, ApiResult};
use crate::object_client::{self, FollowUpTo, RoomCommand};
use crate::store::{self, conversations};
use parley_shared_types::conversation::StartedConversation;
use parley_shared_types::follow_up::{FollowUp, FollowUpRequest, resume_link};
use parley_shared_types::message::{Message, SenderType};
use parley_shared_types::problem::ErrorCode;
use parley_shared_types::validate::FieldErrors;
use worker::Env;

fn visitor_of(to: &FollowUpTo) -> VisitorPrincipal {
    VisitorPrincipal {
        visitor_id: to.visitor_id.clone(),
        workspace_id: to.workspace_id.clone(),
        conversation_id: to.conversation_id.clone(),
    }
}

/// The visitor asks for replies by email. The page must be on one of the widget's origins
/// (the link leads nowhere else), and the widget's consent text, if it has one, ticked.
pub async fn subscribe(
    env: &Env,
    visitor: &VisitorPrincipal,
    request: FollowUpRequest,
    edge_url: &str,
) -> ApiResult<FollowUp> {
    let db = store::db(env)?;
    let row = conversations::find(&db, &visitor.workspace_id, &visitor.conversation_id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, "no such conversation"))?;
    let widget = accepting_widget(env, &row.widget_id, Some(origin_of(&request.page_url)))
        .await
        .map_err(|_| invalid("pageUrl", "must be a page of a site this widget is on"))?;
    if !widget.pre_chat().consent_text.trim().is_empty() && !request.consent {
        return Err(invalid("consent", "must be given to get replies by email"));
    }
    let title = if widget.title.trim().is_empty() {
        &widget.name
    } else {
        &widget.title
    };
    let subscription = FollowUpTo {
        workspace_id: visitor.workspace_id.clone(),
        conversation_id: visitor.conversation_id.clone(),
        visitor_id: visitor.visitor_id.clone(),
        email: request.email.trim().to_owned(),
        page_url: request.page_url,
        edge_url: edge_url.to_owned(),
        title: title.trim().to_owned(),
    };
    let room = object_client::room(env, &visitor.conversation_id)?;
    let command = RoomCommand::FollowUp(Box::new(subscription.clone()));
    object_client::call::<_, ()>(&room, &command).await?;
    show_team(env, visitor, Some(&subscription.email)).await?;
    Ok(FollowUp {
        email: subscription.email,
    })
}

/// `https://shop.example` of `https://shop.example/help?x=1`.
fn origin_of(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |at| at + 3);
    let end = url[after_scheme..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |at| after_scheme + at);
    &url[..end]
}

fn invalid(field: &str, why: &str) -> ApiError {
    let mut errors = FieldErrors::new();
    errors.insert(field.into(), vec![why.into()]);
    ApiError::validation("the follow-up request is invalid", errors)
}

/// An emailed link's token, on a page of the conversation's widget, for a fresh visitor token.
pub async fn resume(
    env: &Env,
    widget_id: &str,
    token: &str,
    origin: Option<&str>,
) -> ApiResult<StartedConversation> {
    let widget = accepting_widget(env, widget_id, origin).await?;
    let visitor = auth::linked_visitor(env, token, TokenKind::Resume)?;
    let db = store::db(env)?;
    let row = conversations::find(&db, &visitor.workspace_id, &visitor.conversation_id)
        .await?
        .filter(|row| row.widget_id == widget.id && row.visitor_id == visitor.visitor_id)
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, "this conversation is gone"))?;
    with_visitor_token(env, row.into_conversation())
}

/// An emailed unsubscribe link: the conversation's emails stop.
pub async fn unsubscribe(env: &Env, token: &str) -> ApiResult<()> {
    let visitor = auth::linked_visitor(env, token, TokenKind::Unsubscribe)?;
    let room = object_client::room(env, &visitor.conversation_id)?;
    object_client::call::<_, ()>(&room, &RoomCommand::Unsubscribe).await?;
    show_team(env, &visitor, None).await
}

/// Keeps the address where the inbox reads it (the room alone sends), and tells agents with
/// the conversation open. A failed announcement leaves the stored address for their next read.
async fn show_team(env: &Env, visitor: &VisitorPrincipal, email: Option<&str>) -> ApiResult<()> {
    let (workspace_id, id) = (&visitor.workspace_id, &visitor.conversation_id);
    conversations::set_follow_up_email(&store::db(env)?, workspace_id, id, email).await?;
    if let Err(e) = super::conversations::announce(env, workspace_id, id, None).await {
        worker::console_warn!("follow-up not announced to the inbox: {e}");
    }
    Ok(())
}

/// Emails `missed` (the team's messages the visitor has not seen) to the subscriber.
pub async fn email_missed(env: &Env, to: &FollowUpTo, missed: &[Message]) -> ApiResult<()> {
    let visitor = visitor_of(to);
    let resume = resume_link(&to.page_url, &auth::resume_token(env, &visitor)?);
    let stop = String::from(&to.edge_url)
        + "/api/follow-up/unsubscribe?token="
        + &auth::unsubscribe_token(env, &visitor)?;
    let (subject, text) = compose(&to.title, missed, &resume, &stop);
    email::send(
        env,
        &Email {
            to: &to.email,
            subject: &subject,
            text: &text,
        },
    )
    .await
}

/// The email: who wrote what, then the way back and the way out. Plain text: no markup from a
/// message can run in a mail client.
pub fn compose(title: &str, missed: &[Message], resume: &str, stop: &str) -> (String, String) {
    let title = if title.is_empty() {
        "your conversation"
    } else {
        title
    };
    let subject = match missed.len() {
        1 => format!("New reply: {title}"),
        n => format!("{n} new replies: {title}"),
    };
    let mut text = String::from("You have new replies while you were away.\n\n");
    for message in missed {
        let who = match message.sender_type {
            SenderType::Ai => "Assistant",
            _ => "Support",
        };
        let at = message.created_at.get(11..16).unwrap_or_default();
        text += &format!("{who} ({at} UTC):\n{}\n\n", message.said());
    }
    text += &format!("Continue the conversation: {resume}\n\n");
    text += &format!(
        "You get this email because you asked for replies by email. Stop these emails: {stop}\n"
    );
    (subject, text)
}

/// Of `messages`, those that are news to the visitor: the team's, not their own or notes.
pub fn missed(messages: Vec<Message>) -> Vec<Message> {
    messages
        .into_iter()
        .filter(|m| m.sender_type != SenderType::Visitor && !m.private)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(content: &str, sender_type: SenderType) -> Message {
        serde_json::from_value(serde_json::json!({
            "id": "m", "conversationId": "c", "seq": 2, "content": content,
            "senderType": sender_type.as_str(), "senderId": "a",
            "isRead": false, "createdAt": "2026-12-07T10:32:00Z"
        }))
        .unwrap()
    }

    #[test]
    fn the_email_lists_the_replies_then_the_link_back_and_the_way_out() {
        let replies = [
            reply("Sure, <b>we</b> can help.", SenderType::Agent),
            reply("Anything else?", SenderType::Ai),
        ];
        let (subject, text) = compose(
            "Acme",
            &replies,
            "https://shop/#parley-resume=t",
            "https://chat/api/follow-up/unsubscribe?token=u",
        );
        assert_eq!(subject, "2 new replies: Acme");
        assert!(text.contains("Support (10:32 UTC):\nSure, <b>we</b> can help."));
        assert!(text.contains("Assistant (10:32 UTC):\nAnything else?"));
        assert!(text.contains("Continue the conversation: https://shop/#parley-resume=t"));
        assert!(
            text.ends_with("Stop these emails: https://chat/api/follow-up/unsubscribe?token=u\n")
        );
        let (one, _) = compose("", &replies[..1], "r", "s");
        assert_eq!(one, "New reply: your conversation");
    }

    #[test]
    fn only_the_teams_public_messages_are_news() {
        let mut note = reply("VIP", SenderType::Agent);
        note.private = true;
        let kept = missed(vec![
            reply("Hi", SenderType::Visitor),
            note,
            reply("On it", SenderType::Agent),
        ]);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].content, "On it");
    }

    #[test]
    fn the_origin_of_a_page_is_what_the_widget_allows() {
        assert_eq!(
            origin_of("https://shop.example/help?x=1"),
            "https://shop.example"
        );
        assert_eq!(
            origin_of("http://127.0.0.1:4000#top"),
            "http://127.0.0.1:4000"
        );
        assert_eq!(origin_of("https://shop.example"), "https://shop.example");
    }
}
