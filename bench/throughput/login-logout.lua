-- wrk: each login (POST Sessions) is followed by the logout (DELETE) of a session it made.
-- Usage: wrk -s login-logout.lua ... ; env LOGIN_BODY holds the JSON credentials.
local pending = {}
local login_body = os.getenv("LOGIN_BODY")
local sessions = os.getenv("SESSIONS_PATH") or "/redfish/v1/SessionService/Sessions/"

request = function()
  local s = table.remove(pending)
  if s then
    return wrk.format("DELETE", s.path, { ["X-Auth-Token"] = s.token })
  end
  return wrk.format("POST", sessions, { ["Content-Type"] = "application/json" }, login_body)
end

response = function(status, headers, body)
  if status == 201 then
    local location = headers["Location"] or headers["location"]
    local token = headers["X-Auth-Token"] or headers["x-auth-token"]
    if location and token then
      table.insert(pending, { path = location:gsub("^https?://[^/]+", ""), token = token })
    end
  end
end
