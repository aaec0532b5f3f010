//! The demo company's own server behind its in-app chat channel: while `cargo xtask dev` runs,
//! it takes each reply Parley POSTs to the demo's webhook channel and prints it, where a real
//! app's server would check `Parley-Signature` and hand the reply to its user.

use serde_json::Value;

/// Where it listens; the demo channel is created with this URL.
pub const PORT: u16 = 8790;

pub fn url() -> String {
    format!("http://127.0.0.1:{PORT}/parley/replies")
}

/// Listens in the background; says so and goes on without it when the port is taken.
pub fn start() {
    let server = match tiny_http::Server::http(("127.0.0.1", PORT)) {
        Ok(server) => server,
        Err(e) => {
            println!(
                "    the demo app's reply receiver could not listen on port {PORT} ({e}): replies to the demo channel will be marked not delivered"
            );
            return;
        }
    };
    std::thread::spawn(move || {
        for mut request in server.incoming_requests() {
            let mut body = String::new();
            let read = request.as_reader().read_to_string(&mut body);
            if read.is_ok() {
                println!("{}", reply_line(&body));
            }
            let _ = request.respond(tiny_http::Response::empty(200));
        }
    });
}

/// How the demo app shows a reply: who it is for and what it says.
fn reply_line(body: &str) -> String {
    let reply: Value = serde_json::from_str(body).unwrap_or_default();
    let text = |value: &Value| value.as_str().unwrap_or("?").to_owned();
    format!(
        "    demo app ← {} for {}: {}",
        text(&reply["message"]["senderType"]),
        text(&reply["userId"]),
        text(&reply["message"]["content"])
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reply_reads_as_who_it_is_for_and_what_it_says() {
        let body = r#"{"channelId":"c","conversationId":"v","userId":"app-user-5521",
            "message":{"senderType":"ai","content":"Yes, on as many sites as you like."}}"#;
        assert_eq!(
            reply_line(body),
            "    demo app ← ai for app-user-5521: Yes, on as many sites as you like."
        );
    }
}
