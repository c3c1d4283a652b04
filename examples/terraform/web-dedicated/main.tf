# A dedicated load balancer in front of two web servers, written for the huaweicloud provider.
# `npx elb-lint examples/terraform/web-dedicated` reports the mistakes left in on purpose:
#   - the servers' security group does not admit the VPC range on the check port (ELB101, ELB102),
#   - the pool speaks HTTPS behind an HTTP listener (ELB301),
#   - SOURCE_IP balancing together with cookie persistence (ELB401),
#   - the member names its subnet by `.id` where the IPv4 subnet ID is wanted (ELB007).
# `npx elb-lint --fix examples/terraform/web-dedicated` repairs what can be repaired safely.

resource "huaweicloud_elb_loadbalancer" "web" {
  name              = "${var.name}-lb"
  vpc_id            = huaweicloud_vpc.main.id
  ipv4_subnet_id    = huaweicloud_vpc_subnet.web.ipv4_subnet_id
  availability_zone = var.availability_zones
  cross_vpc_backend = false
}

resource "huaweicloud_elb_listener" "http" {
  name            = "${var.name}-http"
  loadbalancer_id = huaweicloud_elb_loadbalancer.web.id
  protocol        = "HTTP"
  protocol_port   = 80
  idle_timeout    = 60
  request_timeout = 60
  forward_eip     = true
}

resource "huaweicloud_elb_pool" "web" {
  name        = "${var.name}-pool"
  listener_id = huaweicloud_elb_listener.http.id
  protocol    = "HTTPS"
  lb_method   = local.lb_method

  persistence {
    type    = "HTTP_COOKIE"
    timeout = 60
  }
}

resource "huaweicloud_elb_monitor" "web" {
  pool_id     = huaweicloud_elb_pool.web.id
  protocol    = "HTTP"
  interval    = 5
  timeout     = 3
  max_retries = 3
  url_path    = "/healthz"
  port        = var.app_port
}

resource "huaweicloud_elb_member" "web" {
  count = length(huaweicloud_compute_instance.web)

  pool_id       = huaweicloud_elb_pool.web.id
  address       = huaweicloud_compute_instance.web[count.index].access_ip_v4
  protocol_port = var.app_port
  subnet_id     = huaweicloud_vpc_subnet.web.id
}
