//! Files in conversations, against `wrangler dev` with its local R2: a visitor's image reaches
//! the agent (and nobody outside the conversation), files are refused by what their bytes are
//! and by size (whatever their names or headers say), a message carries only its own
//! conversation's files, and deleting a conversation deletes its files.

use parley_shared_types::attachment::{Attachment, MAX_ATTACHMENT_BYTES};
use parley_shared_types::message::{Message, SendMessageRequest};
use parley_shared_types::problem::ErrorCode;
use parley_tests::fixtures::{PDF, PNG_1X1 as PNG, Team, Visitor, all_messages};
use parley_tests::{Answer, Api, Server};
use reqwest::Method;

fn files_path(conversation_id: &str) -> String {
    format!("/api/conversations/{conversation_id}/attachments")
}

/// `api` uploads `bytes` as `name`, claiming `content_type`.
async fn upload(
    api: &Api,
    conversation_id: &str,
    name: &str,
    content_type: &str,
    bytes: Vec<u8>,
) -> Answer<Attachment> {
    let path = format!("{}?name={}", files_path(conversation_id), urlencoding(name));
    let request = api
        .request(Method::POST, &path)
        .header("content-type", content_type)
        .body(bytes);
    api.send(request).await
}

fn urlencoding(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn send_files(api: &Api, conversation_id: &str, ids: Vec<String>) -> Answer<Message> {
    let request = SendMessageRequest {
        attachments: ids,
        ..SendMessageRequest::text("")
    };
    let path = format!("/api/conversations/{conversation_id}/messages");
    api.post(&path, &request).await
}

/// The file's bytes and headers as `api` reads them.
async fn download(api: &Api, path: &str) -> (u16, reqwest::header::HeaderMap, Vec<u8>) {
    let response = api.request(Method::GET, path).send().await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, headers, response.bytes().await.unwrap().to_vec())
}

fn header<'a>(headers: &'a reqwest::header::HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

#[tokio::test]
async fn a_visitors_image_reaches_the_agent_and_nobody_outside_the_conversation() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let visitor: Visitor = team.visitor().await;
    let id = visitor.conversation_id();

    let image: Attachment = upload(
        &visitor.api,
        id,
        "C:\\Users\\me\\screen shot.png",
        "image/png",
        PNG.to_vec(),
    )
    .await
    .expect_status(201);
    assert_eq!(image.name, "screen shot.png", "kept without its path");
    assert_eq!(
        (image.content_type.as_str(), image.size),
        ("image/png", PNG.len() as u64)
    );
    let sent: Message = send_files(&visitor.api, id, vec![image.id.clone()])
        .await
        .expect_status(201);
    assert_eq!(sent.attachments, vec![image.clone()]);
    assert_eq!(sent.content, "");

    let seen = all_messages(&team.agent, id).await;
    assert_eq!(seen.last().unwrap().attachments, vec![image.clone()]);
    let path = image.path(id);
    for reader in [&team.agent, &visitor.api] {
        let (status, headers, bytes) = download(reader, &path).await;
        assert_eq!(status, 200);
        assert_eq!(bytes, PNG);
        assert_eq!(header(&headers, "content-type"), "image/png");
        assert_eq!(header(&headers, "x-content-type-options"), "nosniff");
        assert!(header(&headers, "content-disposition").starts_with("inline;"));
        assert!(header(&headers, "content-security-policy").contains("sandbox"));
    }

    // Another workspace's agent, another visitor of the same widget, and nobody at all.
    let stranger_team = Team::new(server).await;
    let other_visitor = team.visitor().await;
    let (status, _, _) = download(&stranger_team.agent, &path).await;
    assert_eq!(status, 404, "another workspace");
    let (status, _, _) = download(&other_visitor.api, &path).await;
    assert_eq!(status, 404, "another visitor");
    let (status, _, _) = download(&visitor.api.anonymous(), &path).await;
    assert_eq!(status, 401);
    let stolen = upload(&stranger_team.agent, id, "x.png", "image/png", PNG.to_vec()).await;
    assert_eq!(stolen.expect_problem(404).code, ErrorCode::NotFound);

    // A message carries its own conversation's files only.
    let borrowed = send_files(
        &other_visitor.api,
        other_visitor.conversation_id(),
        vec![image.id],
    )
    .await
    .expect_problem(422);
    assert_eq!(borrowed.code, ErrorCode::ValidationFailed);
    assert!(borrowed.errors.contains_key("attachments"));

    // The agent answers with a PDF: a download, under its own name and extension.
    let guide: Attachment = upload(&team.agent, id, "guide", "text/html", PDF.to_vec())
        .await
        .expect_status(201);
    assert_eq!(
        (guide.name.as_str(), guide.content_type.as_str()),
        ("guide.pdf", "application/pdf"),
        "the bytes decide, not the header"
    );
    send_files(&team.agent, id, vec![guide.id.clone()])
        .await
        .expect_status(201);
    let (status, headers, bytes) = download(&visitor.api, &guide.path(id)).await;
    assert_eq!((status, bytes.as_slice()), (200, PDF));
    assert_eq!(
        header(&headers, "content-disposition"),
        "attachment; filename=\"guide.pdf\"; filename*=UTF-8''guide.pdf"
    );
}

/// Sends only the headers of an upload announcing `length` bytes, and reads what the edge
/// answers to them.
async fn headers_only_upload(api: &Api, conversation_id: &str, length: u64) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let address = api.base_url.trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
    let head = format!(
        "POST {} HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {}\r\ncf-connecting-ip: {}\r\nContent-Type: image/png\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n",
        files_path(conversation_id),
        api.token.as_deref().unwrap_or_default(),
        api.client_ip,
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    let reading = stream.read_to_end(&mut answer);
    tokio::time::timeout(std::time::Duration::from_secs(30), reading)
        .await
        .expect("an answer before the body")
        .unwrap();
    String::from_utf8_lossy(&answer).into_owned()
}

#[tokio::test]
async fn files_are_refused_by_what_their_bytes_are_and_by_size() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let visitor = team.visitor().await;
    let id = visitor.conversation_id();

    let refused = [
        (
            "photo.png",
            "image/png",
            b"<!doctype html><script>alert(1)</script>".to_vec(),
        ),
        (
            "logo.svg",
            "image/svg+xml",
            b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>".to_vec(),
        ),
        (
            "setup.exe",
            "application/octet-stream",
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff".to_vec(),
        ),
        ("empty.txt", "text/plain", Vec::new()),
    ];
    for (name, content_type, bytes) in refused {
        let problem = upload(&visitor.api, id, name, content_type, bytes)
            .await
            .expect_problem(415);
        assert_eq!(problem.code, ErrorCode::UnsupportedMediaType, "{name}");
        assert!(
            problem.detail.contains("not accepted"),
            "{}",
            problem.detail
        );
    }

    // A file that says it is too large is refused on its headers, before it is sent.
    let answer = headers_only_upload(&visitor.api, id, MAX_ATTACHMENT_BYTES + 1).await;
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(
        answer.contains("PAYLOAD_TOO_LARGE") && answer.contains("10 MB"),
        "{answer}"
    );
    let mut big = PNG.to_vec();
    big.resize(MAX_ATTACHMENT_BYTES as usize + 1, 0);

    // Without a Content-Length the limit holds as the bytes arrive.
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = big
        .chunks(1 << 20)
        .map(|chunk| Ok(chunk.to_vec()))
        .collect();
    let streamed =
        visitor
            .api
            .request(Method::POST, &files_path(id))
            .body(reqwest::Body::wrap_stream(futures_util::stream::iter(
                chunks,
            )));
    let answer: Answer<Attachment> = visitor.api.send(streamed).await;
    assert_eq!(answer.expect_problem(413).code, ErrorCode::PayloadTooLarge);

    let mut largest = PNG.to_vec();
    largest.resize(MAX_ATTACHMENT_BYTES as usize, 0);
    let kept: Attachment = upload(&visitor.api, id, "largest.png", "image/png", largest)
        .await
        .expect_status(201);
    assert_eq!(kept.size, MAX_ATTACHMENT_BYTES);

    let too_many = send_files(&visitor.api, id, vec![kept.id; 11])
        .await
        .expect_problem(422);
    assert!(too_many.errors.contains_key("attachments"));
}

#[tokio::test]
async fn deleting_a_conversation_deletes_its_files() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let visitor = team.visitor().await;
    let id = visitor.conversation_id().to_owned();
    let sent: Attachment = upload(&visitor.api, &id, "a.png", "image/png", PNG.to_vec())
        .await
        .expect_status(201);
    send_files(&visitor.api, &id, vec![sent.id.clone()])
        .await
        .expect_status(201);
    let unsent: Attachment = upload(&visitor.api, &id, "b.pdf", "application/pdf", PDF.to_vec())
        .await
        .expect_status(201);
    for file in [&sent, &unsent] {
        assert!(server.attachment_stored(&format!("{id}/{}", file.id)).await);
    }
    let _: () = team
        .admin
        .delete(&format!("/api/conversations/{id}"))
        .await
        .expect_status(204);
    for file in [&sent, &unsent] {
        assert!(
            !server.attachment_stored(&format!("{id}/{}", file.id)).await,
            "{} was left behind",
            file.name
        );
    }
}
