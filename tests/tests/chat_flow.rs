//! The ChatFlow seed's flows end to end against `wrangler dev`: sign up, sign in, a widget, a
//! visitor's conversation, and an agent who lists, assigns, replies, marks read and closes,
//! while the visitor and the workspace feed see every event live over the hub.

use parley_shared_types::auth::{RefreshGrant, TokenResponse, User};
use parley_shared_types::conversation::{AssignRequest, Conversation, ConversationStatus};
use parley_shared_types::hub::{
    AgentAssigned, ConversationClosed, ServerEvent, TypingStarted, TypingStopped, methods,
};
use parley_shared_types::message::{Message, SendMessageRequest, SenderType};
use parley_shared_types::page::Page;
use parley_shared_types::stats::{ConversationStats, MessageStats, WidgetStats};
use parley_shared_types::widget::{Widget, WidgetConfig, WidgetInput};
use parley_tests::fixtures::{PASSWORD, Team, sign_in};
use parley_tests::{Api, Server};

#[tokio::test]
async fn a_visitor_and_an_agent_chat_live_from_first_message_to_close() {
    let server = Server::shared().await;
    let mut team = Team::new(server).await;
    let mut feed = team.agent_hub(server, "").await;

    // The agent's presence on the feed makes the widget show agents as online.
    let config: WidgetConfig = Api::new(&server.base_url)
        .get(&format!("/api/widgets/{}/config", team.widget.id))
        .await
        .expect_status(200);
    assert!(config.agents_online);
    assert_eq!(config.welcome_message, "Hi! How can we help you today?");

    let visitor = team.visitor().await;
    let conversation = &visitor.started.conversation;
    assert_eq!(conversation.status, ConversationStatus::Open);
    assert_eq!(conversation.channel, "widget");
    assert_eq!(
        conversation.assigned_agent_id.as_deref(),
        Some(team.agent_user.id.as_str()),
        "auto-assigned to the only online agent"
    );
    assert_eq!(
        feed.next_event().await.unwrap(),
        ServerEvent::ConversationStarted(conversation.clone())
    );

    let mut visitor_hub = visitor.hub(server).await;
    let mut agent_hub = team.agent_hub(server, visitor.conversation_id()).await;

    let hello = visitor
        .say("Hello, I have a question about your pricing.")
        .await;
    assert_eq!((hello.seq, hello.sender_type), (1, SenderType::Visitor));
    assert_eq!(hello.sender_id, conversation.visitor_id);
    assert_eq!(
        agent_hub.next_event().await.unwrap(),
        ServerEvent::ReceiveMessage(hello.clone())
    );
    assert_eq!(
        visitor_hub.next_event().await.unwrap(),
        ServerEvent::ReceiveMessage(hello.clone())
    );
    // The feed hears of it, with the summary the inbox shows.
    let updated = feed
        .next_event_where(
            |e| matches!(e, ServerEvent::ConversationUpdated(c) if c.message_count == 1),
        )
        .await
        .unwrap();
    let ServerEvent::ConversationUpdated(summary) = updated else {
        unreachable!()
    };
    assert_eq!(
        (summary.unread_count, summary.last_message.as_deref()),
        (1, Some(hello.content.as_str()))
    );

    // The agent finds it in the list, with the room's summary.
    let open: Page<Conversation> = team
        .agent
        .get("/api/conversations?status=open")
        .await
        .expect_status(200);
    assert_eq!(open.total, 1);
    assert_eq!(
        open.data[0].last_message.as_deref(),
        Some("Hello, I have a question about your pricing.")
    );
    assert_eq!(open.data[0].message_count, 1);

    // Typing, both ways, reaches only the other side.
    agent_hub
        .invoke(methods::TYPING_START, visitor.conversation_id(), Some("1"))
        .await
        .unwrap();
    let typing = ServerEvent::TypingStarted(TypingStarted {
        sender_id: team.agent_user.id.clone(),
        sender_type: SenderType::Agent,
        conversation_id: Some(visitor.conversation_id().to_owned()),
    });
    assert_eq!(visitor_hub.next_event().await.unwrap(), typing);
    agent_hub
        .invoke(methods::TYPING_STOP, visitor.conversation_id(), Some("1"))
        .await
        .unwrap();
    assert_eq!(
        visitor_hub.next_event().await.unwrap(),
        ServerEvent::TypingStopped(TypingStopped {
            sender_id: team.agent_user.id.clone(),
            conversation_id: Some(visitor.conversation_id().to_owned()),
        })
    );

    let reply: Message = team
        .agent
        .post(
            &visitor.messages_path(),
            &SendMessageRequest::text("Happy to help! Which plan?"),
        )
        .await
        .expect_status(201);
    assert_eq!(
        (reply.seq, reply.sender_type, reply.sender_id.as_str()),
        (2, SenderType::Agent, team.agent_user.id.as_str())
    );
    assert_eq!(
        visitor_hub.next_event().await.unwrap(),
        ServerEvent::ReceiveMessage(reply.clone())
    );

    let read: Message = team
        .agent
        .post_empty(&format!("{}/{}/read", visitor.messages_path(), hello.id))
        .await
        .expect_status(200);
    assert!(read.is_read);
    assert_eq!(
        visitor_hub.next_event().await.unwrap(),
        ServerEvent::MessageRead(read),
        "the visitor sees their message was read"
    );
    feed.next_event_where(|e| matches!(e, ServerEvent::ConversationUpdated(c) if c.message_count == 2 && c.unread_count == 0))
        .await
        .expect("the feed shows nothing left unread");
    let history: Page<Message> = visitor
        .api
        .get(&visitor.messages_path())
        .await
        .expect_status(200);
    assert_eq!(history.total, 2);
    assert_eq!(
        history
            .data
            .iter()
            .map(|m| (m.seq, m.is_read))
            .collect::<Vec<_>>(),
        [(1, true), (2, false)]
    );

    // Assignment to the admin reaches the visitor and the feed.
    let assign = AssignRequest {
        agent_id: team.admin_user.id.clone(),
    };
    let assigned: Conversation = team
        .agent
        .post(
            &format!("/api/conversations/{}/assign", visitor.conversation_id()),
            &assign,
        )
        .await
        .expect_status(200);
    assert_eq!(
        assigned.assigned_agent_id.as_deref(),
        Some(team.admin_user.id.as_str())
    );
    let event = ServerEvent::AgentAssigned(AgentAssigned {
        agent_id: team.admin_user.id.clone(),
        agent_name: "Ada Admin".into(),
        conversation_id: Some(visitor.conversation_id().to_owned()),
    });
    assert_eq!(visitor_hub.next_event().await.unwrap(), event);
    assert_eq!(
        feed.next_event_where(|e| matches!(e, ServerEvent::ConversationUpdated(c) if c.assigned_agent_id == assigned.assigned_agent_id))
            .await
            .unwrap(),
        ServerEvent::ConversationUpdated(assigned)
    );

    let closed: Conversation = team
        .agent
        .post_empty(&format!(
            "/api/conversations/{}/close",
            visitor.conversation_id()
        ))
        .await
        .expect_status(200);
    assert_eq!(closed.status, ConversationStatus::Closed);
    assert!(closed.closed_at.is_some());
    let event = ServerEvent::ConversationClosed(ConversationClosed {
        conversation_id: visitor.conversation_id().to_owned(),
    });
    assert_eq!(visitor_hub.next_event().await.unwrap(), event);
    assert_eq!(
        feed.next_event_where(|e| matches!(e, ServerEvent::ConversationUpdated(c) if c.status == ConversationStatus::Closed))
            .await
            .unwrap(),
        ServerEvent::ConversationUpdated(closed.clone())
    );

    // Where the widget does not let a reply reopen it, a closed conversation takes no more
    // messages; the visitor can still read it.
    team.update_widget(WidgetInput {
        reopen_on_reply: Some(false),
        ..WidgetInput::default()
    })
    .await;
    let refused = visitor
        .api
        .post::<_, Message>(
            &visitor.messages_path(),
            &SendMessageRequest::text("hello?"),
        )
        .await
        .expect_problem(409);
    assert!(refused.detail.contains("closed"));
    let seen: Conversation = visitor
        .api
        .get(&format!("/api/conversations/{}", visitor.conversation_id()))
        .await
        .expect_status(200);
    assert_eq!(seen.status, ConversationStatus::Closed);

    // The admin's stats count all of it.
    let stats: ConversationStats = team
        .admin
        .get("/api/admin/conversations/stats")
        .await
        .expect_status(200);
    assert_eq!(
        (
            stats.total_conversations,
            stats.active_conversations,
            stats.today_conversations
        ),
        (1, 0, 1)
    );
    let messages: MessageStats = team
        .admin
        .get("/api/admin/messages/stats")
        .await
        .expect_status(200);
    assert_eq!((messages.total_messages, messages.today_messages), (2, 2));
    assert!(messages.avg_response_time >= 0.0);
    let widgets: WidgetStats = team
        .admin
        .get("/api/admin/widgets/stats")
        .await
        .expect_status(200);
    assert_eq!((widgets.total_widgets, widgets.active_widgets), (1, 1));
    assert_eq!(widgets.widgets[0].conversations_today, 1);
}

#[tokio::test]
async fn sign_in_refresh_and_who_am_i() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let api = Api::new(&server.base_url);
    let session = sign_in(&api, &team.agent_user.email.to_uppercase(), PASSWORD).await;
    assert_eq!(session.token_type, "bearer");
    assert_eq!(session.expires_in, 900);
    let me: User = api
        .with_token(&session.access_token)
        .get("/auth/v1/user")
        .await
        .expect_status(200);
    assert_eq!(me, team.agent_user);

    let refreshed: TokenResponse = api
        .post(
            "/auth/v1/token?grant_type=refresh_token",
            &RefreshGrant {
                refresh_token: session.refresh_token.clone(),
            },
        )
        .await
        .expect_status(200);
    assert_eq!(refreshed.user, team.agent_user);
    assert_ne!(refreshed.refresh_token, session.refresh_token);
    let reused = api
        .post::<_, TokenResponse>(
            "/auth/v1/token?grant_type=refresh_token",
            &RefreshGrant {
                refresh_token: session.refresh_token,
            },
        )
        .await;
    assert_eq!(
        reused.expect_problem(401).code,
        parley_shared_types::problem::ErrorCode::Unauthorized,
        "refresh tokens are one-use"
    );

    let wrong = api
        .post::<_, TokenResponse>(
            "/auth/v1/token?grant_type=password",
            &serde_json::json!({"email": team.agent_user.email, "password": "wrong-password"}),
        )
        .await;
    assert_eq!(
        wrong.expect_problem(401).detail,
        "invalid email or password"
    );
    let unknown = api
        .post::<_, TokenResponse>(
            "/auth/v1/token?grant_type=password",
            &serde_json::json!({"email": "nobody@test.parley.dev", "password": PASSWORD}),
        )
        .await;
    assert_eq!(
        unknown.expect_problem(401).detail,
        "invalid email or password",
        "unknown emails are not revealed"
    );
}

#[tokio::test]
async fn widgets_carry_every_seed_field_and_updates_reach_the_public_config() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let input = WidgetInput {
        name: Some("Pricing page".into()),
        welcome_message: Some("Questions about plans?".into()),
        ai_enabled: Some(true),
        theme_color: Some("#10b981".into()),
        auto_assign: Some(false),
        offline_message: Some("Back at 9am.".into()),
        allowed_origins: Some(vec!["https://shop.example.com".into()]),
        bot_id: None,
        title: None,
        reopen_on_reply: None,
        business_hours: None,
        texts: None,
        pre_chat: None,
        follow_up_after_seconds: None,
    };
    let widget: Widget = team
        .admin
        .post("/api/admin/widgets", &input)
        .await
        .expect_status(201);
    assert_eq!(
        (widget.name.as_str(), widget.ai_enabled, widget.auto_assign),
        ("Pricing page", true, false)
    );
    assert_eq!(
        widget.embed_code,
        format!(
            "<script src=\"{}/widget.js\" data-widget-id=\"{}\" async></script>",
            server.base_url, widget.id
        )
    );

    let public = Api::new(&server.base_url);
    let config_path = format!("/api/widgets/{}/config", widget.id);
    let before: WidgetConfig = public.get(&config_path).await.expect_status(200);
    assert_eq!(before.welcome_message, "Questions about plans?");
    assert!(!before.agents_online, "nobody is on the feed");

    let update = WidgetInput {
        welcome_message: Some("Ask us anything".into()),
        ..WidgetInput::default()
    };
    let updated: Widget = team
        .admin
        .put(&format!("/api/widgets/{}", widget.id), &update)
        .await
        .expect_status(200);
    assert_eq!(
        (
            updated.welcome_message.as_str(),
            updated.theme_color.as_str()
        ),
        ("Ask us anything", "#10b981"),
        "only the sent field changed"
    );
    let after: WidgetConfig = public.get(&config_path).await.expect_status(200);
    assert_eq!(
        after.welcome_message, "Ask us anything",
        "the cached config was invalidated"
    );

    let listed: Vec<Widget> = team.agent.get("/api/widgets").await.expect_status(200);
    assert_eq!(listed.len(), 2);
    let one: Widget = team
        .agent
        .get(&format!("/api/widgets/{}", widget.id))
        .await
        .expect_status(200);
    assert_eq!(one, updated);

    // Its allowed origins gate who may start conversations.
    let start = serde_json::json!({ "widgetId": widget.id });
    let from_shop = public
        .request(reqwest::Method::POST, "/api/conversations")
        .header("origin", "https://shop.example.com")
        .json(&start);
    assert_eq!(
        public.send::<serde_json::Value>(from_shop).await.status(),
        201
    );
    let from_elsewhere = public
        .request(reqwest::Method::POST, "/api/conversations")
        .header("origin", "https://evil.example.com")
        .json(&start);
    let refused = public
        .send::<serde_json::Value>(from_elsewhere)
        .await
        .expect_problem(403);
    assert!(refused.detail.contains("evil.example.com"));
}

#[tokio::test]
async fn lists_filter_by_status_search_agent_and_widget() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let first = team.visitor().await;
    let second = team.visitor().await;
    let _: Conversation = team
        .agent
        .post_empty(&format!(
            "/api/conversations/{}/close",
            first.conversation_id()
        ))
        .await
        .expect_status(200);
    let _: Conversation = team
        .agent
        .post(
            &format!("/api/conversations/{}/assign", second.conversation_id()),
            &AssignRequest {
                agent_id: team.agent_user.id.clone(),
            },
        )
        .await
        .expect_status(200);

    let all: Page<Conversation> = team
        .agent
        .get("/api/conversations?limit=1")
        .await
        .expect_status(200);
    assert_eq!((all.total, all.data.len(), all.limit), (2, 1, 1));
    let closed: Page<Conversation> = team
        .agent
        .get("/api/conversations?status=closed")
        .await
        .expect_status(200);
    assert_eq!(
        closed
            .data
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>(),
        [first.conversation_id()]
    );
    let search = &second.started.conversation.visitor_id[..8];
    let found: Page<Conversation> = team
        .agent
        .get(&format!("/api/conversations?search={search}"))
        .await
        .expect_status(200);
    assert_eq!(
        found.data.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        [second.conversation_id()]
    );
    let mine: Page<Conversation> = team
        .admin
        .get(&format!(
            "/api/admin/conversations?agentId={}",
            team.agent_user.id
        ))
        .await
        .expect_status(200);
    assert_eq!(
        mine.data.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        [second.conversation_id()]
    );
    let by_widget: Page<Conversation> = team
        .admin
        .get(&format!(
            "/api/admin/conversations?widgetId={}",
            team.widget.id
        ))
        .await
        .expect_status(200);
    assert_eq!(by_widget.total, 2);
    let unassigned: Page<Conversation> = team
        .agent
        .get("/api/conversations?assigned=false")
        .await
        .expect_status(200);
    assert_eq!(
        unassigned
            .data
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>(),
        [first.conversation_id()]
    );
    let page_two: Page<Conversation> = team
        .agent
        .get("/api/conversations?page=2&limit=1")
        .await
        .expect_status(200);
    assert_ne!(page_two.data[0].id, all.data[0].id);
}
