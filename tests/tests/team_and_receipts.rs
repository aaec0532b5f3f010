//! Team management, reopening, live read receipts and the daily series, against `wrangler dev`.

use parley_shared_types::auth::{
    RefreshGrant, Role, TeamMember, TokenResponse, UpdateUserRequest, User,
};
use parley_shared_types::conversation::{Conversation, ConversationStatus};
use parley_shared_types::hub::ServerEvent;
use parley_shared_types::message::{Message, SendMessageRequest};
use parley_shared_types::problem::ErrorCode;
use parley_shared_types::stats::DailyActivity;
use parley_tests::fixtures::{PASSWORD, Team, hub_for, sign_in};
use parley_tests::{Api, Server};
use serde_json::Value;

#[tokio::test]
async fn the_team_list_shows_who_is_online_and_admins_manage_roles() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let _feed = team.agent_hub(server, "").await;
    let members: Vec<TeamMember> = team.agent.get("/api/users").await.expect_status(200);
    let online = |id: &str| members.iter().find(|m| m.user.id == id).map(|m| m.online);
    assert_eq!(
        (online(&team.agent_user.id), online(&team.admin_user.id)),
        (Some(true), Some(false))
    );

    let path = format!("/api/users/{}", team.agent_user.id);
    let promoted: User = team
        .admin
        .patch(&path, &UpdateUserRequest { role: Role::Admin })
        .await
        .expect_status(200);
    assert_eq!(promoted.role, Role::Admin);
    let demoted: User = team
        .admin
        .patch(&path, &UpdateUserRequest { role: Role::Agent })
        .await
        .expect_status(200);
    assert_eq!(demoted.role, Role::Agent);

    let last_admin = format!("/api/users/{}", team.admin_user.id);
    let refused = team
        .admin
        .patch::<_, Value>(&last_admin, &UpdateUserRequest { role: Role::Agent })
        .await
        .expect_problem(409);
    assert!(refused.detail.contains("at least one admin"));
    let refused = team
        .admin
        .delete::<Value>(&last_admin)
        .await
        .expect_problem(409);
    assert!(refused.detail.contains("cannot remove yourself"));
    assert_eq!(
        team.agent
            .delete::<Value>(&path)
            .await
            .expect_problem(403)
            .code,
        ErrorCode::Forbidden
    );
}

#[tokio::test]
async fn a_removed_agent_loses_their_conversations_and_cannot_refresh() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let session = sign_in(
        &Api::new(&server.base_url),
        &team.agent_user.email,
        PASSWORD,
    )
    .await;
    let visitor = team.visitor().await;
    let assign = parley_shared_types::conversation::AssignRequest {
        agent_id: team.agent_user.id.clone(),
    };
    let _: Conversation = team
        .admin
        .post(
            &format!("/api/conversations/{}/assign", visitor.conversation_id()),
            &assign,
        )
        .await
        .expect_status(200);

    team.admin
        .delete::<Value>(&format!("/api/users/{}", team.agent_user.id))
        .await
        .expect_status(204);
    let conversation: Conversation = team
        .admin
        .get(&format!("/api/conversations/{}", visitor.conversation_id()))
        .await
        .expect_status(200);
    assert_eq!(conversation.assigned_agent_id, None);
    let refresh = RefreshGrant {
        refresh_token: session.refresh_token,
    };
    let refused = Api::new(&server.base_url)
        .post::<_, TokenResponse>("/auth/v1/token?grant_type=refresh_token", &refresh)
        .await;
    assert_eq!(refused.expect_problem(401).code, ErrorCode::Unauthorized);
    let members: Vec<TeamMember> = team.admin.get("/api/users").await.expect_status(200);
    assert_eq!(members.len(), 1);
    let still_signed_in = team
        .agent
        .get::<Value>("/api/conversations")
        .await
        .expect_problem(401);
    assert_eq!(
        still_signed_in.detail, "this account no longer exists",
        "a removed user's access token stops working at once"
    );
}

#[tokio::test]
async fn a_role_change_applies_to_tokens_already_issued() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    assert_eq!(
        team.agent
            .get::<Value>("/api/admin/conversations/stats")
            .await
            .expect_problem(403)
            .code,
        ErrorCode::Forbidden
    );
    let path = format!("/api/users/{}", team.agent_user.id);
    let _: User = team
        .admin
        .patch(&path, &UpdateUserRequest { role: Role::Admin })
        .await
        .expect_status(200);
    assert_eq!(
        team.agent
            .get::<Value>("/api/admin/conversations/stats")
            .await
            .status(),
        200,
        "promoted at once"
    );
    let _: User = team
        .admin
        .patch(&path, &UpdateUserRequest { role: Role::Agent })
        .await
        .expect_status(200);
    assert_eq!(
        team.agent
            .get::<Value>("/api/admin/conversations/stats")
            .await
            .expect_problem(403)
            .code,
        ErrorCode::Forbidden,
        "demoted at once"
    );
}

#[tokio::test]
async fn read_receipts_go_both_ways_live_and_not_for_your_own_messages() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let visitor = team.visitor().await;
    let mut visitor_hub = visitor.hub(server).await;
    let mut agent_hub = team.agent_hub(server, visitor.conversation_id()).await;

    let question = visitor.say("Is anyone there?").await;
    assert_eq!(
        agent_hub.next_event().await.unwrap(),
        ServerEvent::ReceiveMessage(question.clone())
    );
    let read: Message = team
        .agent
        .post_empty(&format!("{}/{}/read", visitor.messages_path(), question.id))
        .await
        .expect_status(200);
    visitor_hub.next_event().await.unwrap();
    assert_eq!(
        visitor_hub.next_event().await.unwrap(),
        ServerEvent::MessageRead(read),
        "the visitor sees theirs was read"
    );

    let answer: Message = team
        .agent
        .post(&visitor.messages_path(), &SendMessageRequest::text("Yes!"))
        .await
        .expect_status(201);
    let own = visitor
        .api
        .post_empty::<Value>(&format!("{}/{}/read", visitor.messages_path(), question.id))
        .await
        .expect_problem(403);
    assert!(own.detail.contains("own messages"));
    let seen: Message = visitor
        .api
        .post_empty(&format!("{}/{}/read", visitor.messages_path(), answer.id))
        .await
        .expect_status(200);
    assert!(seen.is_read);
    let mut events = Vec::new();
    for _ in 0..3 {
        events.push(agent_hub.next_event().await.unwrap());
    }
    assert!(
        events.contains(&ServerEvent::MessageRead(seen)),
        "the agent sees the visitor read the reply: {events:?}"
    );
}

#[tokio::test]
async fn a_closed_conversation_can_be_reopened_and_takes_messages_again() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let visitor = team.visitor().await;
    let base = format!("/api/conversations/{}", visitor.conversation_id());
    let closed: Conversation = team
        .agent
        .post_empty(&format!("{base}/close"))
        .await
        .expect_status(200);
    assert_eq!(closed.status, ConversationStatus::Closed);
    let reopened: Conversation = team
        .agent
        .post_empty(&format!("{base}/reopen"))
        .await
        .expect_status(200);
    assert_eq!(
        (reopened.status, reopened.closed_at),
        (ConversationStatus::Open, None)
    );
    visitor.say("one more thing").await;
    assert_eq!(
        visitor
            .api
            .post_empty::<Value>(&format!("{base}/reopen"))
            .await
            .expect_problem(403)
            .code,
        ErrorCode::Forbidden
    );
}

/// The feed can deliver a room's update after a later close's (each reads the index at its
/// own moment); the version says which is newer, so clients keep the close.
#[tokio::test]
async fn every_change_to_a_conversation_raises_its_version_on_the_feed() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let mut feed = team.agent_hub(server, "").await;
    let visitor = team.visitor().await;
    let base = format!("/api/conversations/{}", visitor.conversation_id());
    let mut last = visitor.started.conversation.version;
    let mut next_update = async |what: &str| {
        let event = feed
            .next_event_where(|e| matches!(e, ServerEvent::ConversationUpdated(_)))
            .await
            .unwrap();
        let ServerEvent::ConversationUpdated(updated) = event else {
            unreachable!()
        };
        assert!(
            updated.version > last,
            "{what}: {} after {last}",
            updated.version
        );
        last = updated.version;
        updated
    };
    visitor.say("hello").await;
    next_update("a message").await;
    let _: Conversation = team
        .agent
        .post(
            &format!("{base}/assign"),
            &serde_json::json!({ "agentId": team.agent_user.id }),
        )
        .await
        .expect_status(200);
    next_update("an assignment").await;
    let closed: Conversation = team
        .agent
        .post_empty(&format!("{base}/close"))
        .await
        .expect_status(200);
    let announced = next_update("the close").await;
    assert_eq!(announced, closed);
    let _: Conversation = team
        .agent
        .post_empty(&format!("{base}/reopen"))
        .await
        .expect_status(200);
    next_update("the reopen").await;
}

#[tokio::test]
async fn the_daily_series_has_every_day_and_counts_today() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let visitor = team.visitor().await;
    visitor.say("hello").await;
    let series: Vec<DailyActivity> = team
        .admin
        .get("/api/admin/stats/daily?days=7")
        .await
        .expect_status(200);
    assert_eq!(series.len(), 7);
    let today = series.last().unwrap();
    assert_eq!((today.conversations, today.messages), (1, 1));
    assert!(
        series[..6]
            .iter()
            .all(|d| d.conversations == 0 && d.messages == 0)
    );
    assert!(
        series.windows(2).all(|w| w[0].day < w[1].day),
        "oldest first"
    );
    assert!(
        team.admin
            .get::<Value>("/api/admin/stats/daily?days=0")
            .await
            .expect_problem(422)
            .errors
            .contains_key("days")
    );
}

#[tokio::test]
async fn new_conversations_go_to_the_least_busy_online_agent() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let _agent_online = team.agent_hub(server, "").await;
    let _admin_online = hub_for(server, "", team.admin.token.as_deref().unwrap(), None).await;
    let (first_pick, second_pick) = {
        let mut ids = [team.agent_user.id.clone(), team.admin_user.id.clone()];
        ids.sort();
        (ids[0].clone(), ids[1].clone())
    };
    let assigned = async || team.visitor().await.started.conversation.assigned_agent_id;
    assert_eq!(
        assigned().await.as_deref(),
        Some(first_pick.as_str()),
        "both idle: the lowest id"
    );
    assert_eq!(
        assigned().await.as_deref(),
        Some(second_pick.as_str()),
        "then the one with fewer open conversations"
    );
    assert_eq!(
        assigned().await.as_deref(),
        Some(first_pick.as_str()),
        "even again: the lowest id"
    );

    // Closed conversations do not count as load.
    let page: parley_shared_types::page::Page<Conversation> = team
        .admin
        .get(&format!("/api/admin/conversations?agentId={second_pick}"))
        .await
        .expect_status(200);
    let _: Conversation = team
        .admin
        .post_empty(&format!("/api/conversations/{}/close", page.data[0].id))
        .await
        .expect_status(200);
    assert_eq!(assigned().await.as_deref(), Some(second_pick.as_str()));
}
